import { describe, expect, it } from 'vitest';
import type { PodSpec } from '@kctl/shared';
import { computePodQOS } from './pod-qos.js';
import { strategyFor } from './strategy-table.js';
import { runCreate } from './strategy-pipeline.js';

type Resources = { requests?: Record<string, string>; limits?: Record<string, string> };
const spec = (...resources: Resources[]): PodSpec => ({ containers: resources.map((r, i) => ({ name: `c${i}`, image: 'busybox', resources: r })) });

describe('computePodQOS', () => {
  it('is BestEffort without any cpu or memory amounts', () => {
    expect(computePodQOS(spec({}))).toBe('BestEffort');
    expect(computePodQOS(spec({ requests: { 'ephemeral-storage': '1Gi' } }))).toBe('BestEffort');
    expect(computePodQOS(spec({ requests: { cpu: '0' } }))).toBe('BestEffort');
  });

  it('is Guaranteed when every container has equal cpu and memory requests and limits', () => {
    const full = { requests: { cpu: '500m', memory: '128Mi' }, limits: { cpu: '0.5', memory: '134217728' } };
    expect(computePodQOS(spec(full, full))).toBe('Guaranteed');
  });

  it('is Burstable when requests differ from limits or a limit is missing', () => {
    expect(computePodQOS(spec({ requests: { cpu: '100m' }, limits: { cpu: '200m', memory: '1Gi' } }))).toBe('Burstable');
    expect(computePodQOS(spec({ requests: { memory: '1Gi' }, limits: { memory: '1Gi' } }))).toBe('Burstable');
    const guaranteedContainer = { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } };
    expect(computePodQOS(spec(guaranteedContainer, {}))).toBe('Burstable');
  });

  it('counts init containers too', () => {
    const podSpec: PodSpec = { ...spec({}), initContainers: [{ name: 'init', image: 'busybox', resources: { requests: { cpu: '1' } } }] };
    expect(computePodQOS(podSpec)).toBe('Burstable');
  });

  it('makes a limits-only pod Guaranteed, because requests default to limits on create', () => {
    const pod = {
      metadata: { name: 'p', namespace: 'default' },
      spec: spec({ limits: { cpu: '1', memory: '256Mi' } }),
    };
    const { object } = runCreate(strategyFor('', 'pods'), pod);
    expect(object.status).toEqual({ phase: 'Pending', qosClass: 'Guaranteed' });
    expect(object.spec).toMatchObject({ containers: [{ resources: { requests: { cpu: '1', memory: '256Mi' }, limits: { cpu: '1', memory: '256Mi' } } }] });
  });
});
