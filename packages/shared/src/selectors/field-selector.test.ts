import { describe, expect, it } from 'vitest';
import { escapeFieldSelectorValue, parseFieldSelector } from './field-selector.js';
import { SelectorParseError } from './selector-errors.js';

const fields: Record<string, string> = { 'metadata.name': 'web-1', 'spec.nodeName': 'node-a', 'status.phase': 'Running' };
const get = (path: string): string | undefined => fields[path];

describe('parseFieldSelector', () => {
  it.each([
    ['', true],
    ['metadata.name=web-1', true],
    ['metadata.name==web-1', true],
    ['metadata.name!=web-1', false],
    ['spec.nodeName=node-a,status.phase!=Pending', true],
    ['spec.nodeName=node-a,status.phase=Pending', false],
    ['involvedObject.namespace=', true], // absent fields compare as ""
    ['involvedObject.namespace!=', false],
    [',metadata.name=web-1,', true], // empty terms are skipped
  ])('%j matches: %s', (text, expected) => {
    expect(parseFieldSelector(text).matches(get)).toBe(expected);
  });

  it('normalises == to = and sorts terms like apimachinery', () => {
    const selector = parseFieldSelector('status.phase==Running,metadata.name!=x');
    expect(selector.requirements).toEqual([
      { field: 'metadata.name', operator: '!=', value: 'x' },
      { field: 'status.phase', operator: '=', value: 'Running' },
    ]);
    expect(selector.toString()).toBe('metadata.name!=x,status.phase=Running');
    expect(selector.requiresExactMatch('status.phase')).toBe('Running');
    expect(selector.requiresExactMatch('metadata.name')).toBeUndefined();
    expect(parseFieldSelector('').empty).toBe(true);
  });

  it('splits at the first operator, leaving later ones in the value only if escaped', () => {
    expect(parseFieldSelector('a!=b').requirements[0]).toEqual({ field: 'a', operator: '!=', value: 'b' });
    expect(parseFieldSelector('a==b').requirements[0]).toEqual({ field: 'a', operator: '=', value: 'b' });
    expect(parseFieldSelector('a=\\=b').requirements[0]).toEqual({ field: 'a', operator: '=', value: '=b' });
  });

  it('unescapes \\, \\= and \\\\ in values and round-trips them', () => {
    const selector = parseFieldSelector('metadata.name=a\\,b\\=c\\\\d,spec.x=y');
    expect(selector.requirements.map((r) => r.value)).toEqual(['a,b=c\\d', 'y']);
    expect(selector.toString()).toBe('metadata.name=a\\,b\\=c\\\\d,spec.x=y');
    expect(escapeFieldSelectorValue('a,b=c\\d')).toBe('a\\,b\\=c\\\\d');
  });

  it.each([
    ['metadata.name', "invalid selector: 'metadata.name'; can't understand 'metadata.name'"],
    ['a=b,c', "invalid selector: 'a=b,c'; can't understand 'c'"],
    ['a=b=c', 'invalid field selector: unescaped character in value: 61'],
    ['a=b\\x', 'invalid field selector: invalid escape sequence: \\x'],
    ['a=b\\', 'invalid field selector: invalid escape sequence: \\'],
  ])('rejects %j', (text, message) => {
    expect(() => parseFieldSelector(text)).toThrow(new SelectorParseError(message));
  });
});
