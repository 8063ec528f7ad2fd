import { describe, expect, it } from 'vitest';
import { describePath, FieldSet } from './field-set.js';

describe('FieldSet', () => {
  const fieldsV1 = {
    'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
    'f:spec': { 'f:containers': { 'k:{"name":"c"}': { '.': {}, 'f:image': {} } }, 'f:finalizers': { 'v:"x"': {} } },
  };

  it('round-trips FieldsV1', () => {
    const set = FieldSet.fromFieldsV1(fieldsV1);
    expect(set.size).toBe(5);
    expect(set.has(['f:metadata', 'f:labels'])).toBe(true);
    expect(set.has(['f:metadata'])).toBe(false);
    expect(set.toFieldsV1()).toEqual(fieldsV1);
  });

  it('supports set algebra', () => {
    const a = new FieldSet([['f:a'], ['f:b']]);
    const b = new FieldSet([['f:b'], ['f:c']]);
    expect(a.union(b).size).toBe(3);
    expect(a.difference(b).paths()).toEqual([['f:a']]);
    expect(a.intersection(b).paths()).toEqual([['f:b']]);
  });

  it.each([
    { path: ['f:spec', 'f:replicas'], text: '.spec.replicas' },
    { path: ['f:spec', 'f:containers', 'k:{"name":"c"}', 'f:image'], text: '.spec.containers[name="c"].image' },
    { path: ['f:metadata', 'f:finalizers', 'v:"x"'], text: '.metadata.finalizers[="x"]' },
  ])('describes $text', ({ path, text }) => {
    expect(describePath(path)).toBe(text);
  });
});
