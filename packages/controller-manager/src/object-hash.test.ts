import { describe, expect, it } from 'vitest';
import { canonicalJson, fnv32, safeEncodeString } from './object-hash.js';
import { hashRevisionData } from './controller-history/revision-hash.js';
import { computePodTemplateHash } from './deployment/pod-template-hash.js';

describe('object-hash', () => {
  it('computes Go hash/fnv New32 and New32a (the published test vectors)', () => {
    expect(fnv32('fnv1', Buffer.from(''))).toBe(0x811c9dc5);
    expect(fnv32('fnv1', Buffer.from('a'))).toBe(0x050c5d7e);
    expect(fnv32('fnv1', Buffer.from('foobar'))).toBe(0x31f0b262);
    expect(fnv32('fnv1a', Buffer.from('a'))).toBe(0xe40c292c);
    expect(fnv32('fnv1a', Buffer.from('foobar'))).toBe(0xbf9cf968);
  });

  it('safe-encodes digits and sorts keys', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
    expect(canonicalJson({ b: 1, a: { d: undefined, c: [2] } })).toBe('{"a":{"c":[2]},"b":1}');
  });

  it('keeps both controller hashes as they were before the FNV core was shared', () => {
    const data = { spec: { template: { metadata: { labels: { app: 'wéb' } } } }, b: [1, 'x'] };
    expect([hashRevisionData(data, 0), hashRevisionData(data, 3)]).toEqual(['67b7869f7', '67b7869f8']);
    expect([computePodTemplateHash(data), computePodTemplateHash(data, 2), computePodTemplateHash({})]).toEqual(['74cb6dfbc5', '5cc4dc6dbf', '5859f96865']);
    expect(hashRevisionData({ spec: { x: 1 } }, 0)).toBe(safeEncodeString(String(fnv32('fnv1', Buffer.from('{"spec":{"x":1}}0')))));
    expect(computePodTemplateHash({ a: 1 })).toBe(safeEncodeString(String(fnv32('fnv1a', Buffer.from('{"a":1}')))));
  });
});
