import { describe, expect, it } from 'vitest';
import { formatLabels, formatLabelSelector, labelSelectorString } from './label-strings.js';

describe('formatLabels', () => {
  it('sorts key=value pairs and joins them with commas', () => {
    expect(formatLabels({ tier: 'web', app: 'nginx', 'app.kubernetes.io/name': 'x' })).toBe('app.kubernetes.io/name=x,app=nginx,tier=web');
  });

  it('prints <none> for an empty or absent map', () => {
    expect(formatLabels({})).toBe('<none>');
    expect(formatLabels(undefined)).toBe('<none>');
  });
});

describe('formatLabelSelector', () => {
  it('renders every operator, sorted by key, with sorted set values', () => {
    const selector = {
      matchLabels: { tier: 'web' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'dev'] },
        { key: 'zone', operator: 'NotIn', values: ['b', 'a'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'app', operator: 'Exists' },
      ],
    };
    expect(formatLabelSelector(selector)).toBe('app,!canary,env in (dev,prod),tier=web,zone notin (a,b)');
  });

  it('prints <none> for nil and empty selectors', () => {
    expect(formatLabelSelector(undefined)).toBe('<none>');
    expect(formatLabelSelector({})).toBe('<none>');
  });

  it('prints <error> for selectors LabelSelectorAsSelector rejects', () => {
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] })).toBe('<error>');
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] })).toBe('<error>');
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] })).toBe('<error>');
    expect(formatLabelSelector({ matchLabels: { 'bad key!': 'x' } })).toBe('<error>');
    expect(formatLabelSelector({ matchLabels: { app: 'has space' } })).toBe('<error>');
  });
});

describe('labelSelectorString', () => {
  it('is empty (not <none>) for an empty selector and undefined when invalid', () => {
    expect(labelSelectorString({ matchLabels: {} })).toBe('');
    expect(labelSelectorString({ matchLabels: { app: 'web' } })).toBe('app=web');
    expect(labelSelectorString({ matchExpressions: [{ key: '', operator: 'Exists' }] })).toBeUndefined();
  });
});
