import { describe, expect, it } from 'vitest';
import { applyMergePatch } from './merge-patch.js';

describe('applyMergePatch (RFC 7386)', () => {
  it.each([
    { name: 'merges maps, null deletes', doc: { a: { b: 1, c: 2 } }, patch: { a: { b: null, d: 3 } }, expected: { a: { c: 2, d: 3 } } },
    { name: 'replaces lists wholesale', doc: { l: [1, 2, 3] }, patch: { l: [4] }, expected: { l: [4] } },
    { name: 'what kubectl scale sends', doc: { spec: { replicas: 1, selector: 'x' } }, patch: { spec: { replicas: 3 } }, expected: { spec: { replicas: 3, selector: 'x' } } },
    { name: 'object over a scalar', doc: { a: 'x' }, patch: { a: { b: 1, c: null } }, expected: { a: { b: 1 } } },
    { name: 'non-object patch replaces the document', doc: { a: 1 }, patch: ['x'], expected: ['x'] },
  ])('$name', ({ doc, patch, expected }) => {
    const before = structuredClone(doc);
    expect(applyMergePatch(doc, patch)).toEqual(expected);
    expect(doc).toEqual(before);
  });
});
