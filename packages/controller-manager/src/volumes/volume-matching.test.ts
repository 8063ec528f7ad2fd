import { describe, expect, it } from 'vitest';
import { findBestMatch, volumeMismatch } from './volume-matching.js';
import type { PersistentVolume, PersistentVolumeClaim } from './volume-types.js';

function pv(name: string, storage: string, opts: { modes?: string[]; cls?: string; phase?: string; labels?: Record<string, string>; claimRef?: object } = {}): PersistentVolume {
  return {
    metadata: { name, ...(opts.labels ? { labels: opts.labels } : {}) },
    spec: {
      capacity: { storage },
      accessModes: opts.modes ?? ['ReadWriteOnce'],
      ...(opts.cls !== undefined ? { storageClassName: opts.cls } : {}),
      ...(opts.claimRef ? { claimRef: opts.claimRef } : {}),
    },
    status: { phase: opts.phase ?? 'Available' },
  };
}

function claim(storage: string, spec: PersistentVolumeClaim['spec'] = {}): PersistentVolumeClaim {
  return { metadata: { name: 'data', namespace: 'default', uid: 'u1' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } }, ...spec } };
}

const names = (v: PersistentVolume | undefined) => v?.metadata?.name;

describe('findBestMatch', () => {
  it('picks the smallest Available volume that is large enough', () => {
    const volumes = [pv('big', '10Gi'), pv('small', '500Mi'), pv('fits', '2Gi'), pv('exact', '1Gi')];
    expect(names(findBestMatch(claim('1Gi'), volumes))).toBe('exact');
    expect(names(findBestMatch(claim('1500Mi'), volumes))).toBe('fits');
    expect(findBestMatch(claim('20Gi'), volumes)).toBeUndefined();
  });

  it('requires the class, the access modes, the selector and an unclaimed Available volume', () => {
    expect(findBestMatch(claim('1Gi', { storageClassName: 'fast' }), [pv('slow', '1Gi', { cls: 'slow' })])).toBeUndefined();
    expect(names(findBestMatch(claim('1Gi', { storageClassName: 'fast' }), [pv('fast', '1Gi', { cls: 'fast' })]))).toBe('fast');
    // A claim with no class (or "") only takes volumes without one.
    expect(findBestMatch(claim('1Gi'), [pv('classed', '1Gi', { cls: 'fast' })])).toBeUndefined();
    expect(findBestMatch(claim('1Gi', { accessModes: ['ReadWriteMany'] }), [pv('rwo', '1Gi')])).toBeUndefined();
    const selector = { matchLabels: { tier: 'db' } };
    expect(findBestMatch(claim('1Gi', { selector }), [pv('web', '1Gi', { labels: { tier: 'web' } })])).toBeUndefined();
    expect(names(findBestMatch(claim('1Gi', { selector }), [pv('db', '1Gi', { labels: { tier: 'db' } })]))).toBe('db');
    expect(findBestMatch(claim('1Gi'), [pv('pending', '1Gi', { phase: 'Pending' }), pv('released', '1Gi', { phase: 'Released' })])).toBeUndefined();
    const other = { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'other', uid: 'u2' };
    expect(findBestMatch(claim('1Gi'), [pv('taken', '1Gi', { claimRef: other })])).toBeUndefined();
  });

  it('prefers the fewest access modes over the smallest size, and a volume pre-bound to the claim over all', () => {
    const rwx = pv('rwx-small', '1Gi', { modes: ['ReadWriteOnce', 'ReadWriteMany'] });
    const rwo = pv('rwo-large', '5Gi');
    expect(names(findBestMatch(claim('1Gi'), [rwx, rwo]))).toBe('rwo-large');
    const prebound = pv('mine', '8Gi', { phase: 'Pending', claimRef: { namespace: 'default', name: 'data', uid: 'u1' } });
    expect(names(findBestMatch(claim('1Gi'), [rwo, prebound]))).toBe('mine');
    const byName = pv('by-name', '8Gi', { claimRef: { namespace: 'default', name: 'data' } });
    expect(names(findBestMatch(claim('1Gi'), [rwo, byName]))).toBe('by-name');
  });
});

describe('volumeMismatch', () => {
  it('explains why a named volume does not fit', () => {
    expect(volumeMismatch(pv('v', '1Gi'), claim('1Gi'))).toBeUndefined();
    expect(volumeMismatch(pv('v', '1Gi'), claim('2Gi'))).toBe('requested PV is too small');
    expect(volumeMismatch(pv('v', '1Gi', { cls: 'x' }), claim('1Gi'))).toBe('storageClassName does not match');
    expect(volumeMismatch(pv('v', '1Gi'), claim('1Gi', { accessModes: ['ReadOnlyMany'] }))).toBe('incompatible accessMode');
    expect(volumeMismatch(pv('v', '1Gi'), claim('1Gi', { volumeMode: 'Block' }))).toBe('incompatible volumeMode');
  });
});
