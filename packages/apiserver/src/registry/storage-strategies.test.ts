// The storage rules the volume controllers depend on: a class set once on a class-less claim, and
// the PV status strategy's phase-transition stamp.
import { describe, expect, it } from 'vitest';
import { strategyFor } from './strategy-table.js';
import { describeErrors, runCreate, runStatusUpdate, runUpdate } from './strategy-pipeline.js';

const claims = strategyFor('', 'persistentvolumeclaims');
const volumes = strategyFor('', 'persistentvolumes');

function claim(spec: Record<string, unknown> = {}, annotations?: Record<string, string>) {
  const metadata = { name: 'c', namespace: 'd', ...(annotations ? { annotations } : {}) };
  return runCreate(claims, { metadata, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec } }).object;
}

function withClass(old: ReturnType<typeof claim>, storageClassName: string) {
  const updated = structuredClone(old);
  (updated.spec as Record<string, unknown>).storageClassName = storageClassName;
  return updated;
}

describe('retroactive default storage class', () => {
  it('lets a claim without a class get one, once', () => {
    const old = claim();
    expect(runUpdate(claims, withClass(old, 'local-path'), old).errors).toEqual([]);
    const classed = claim({ storageClassName: 'local-path' });
    expect(describeErrors(runUpdate(claims, withClass(classed, 'other'), classed).errors)[0]).toMatch(/^spec: Forbidden: spec is immutable/);
  });

  it('keeps an explicit empty class and the beta annotation immutable', () => {
    const none = claim({ storageClassName: '' });
    expect(runUpdate(claims, withClass(none, 'local-path'), none).errors).not.toEqual([]);
    const beta = claim({}, { 'volume.beta.kubernetes.io/storage-class': 'legacy' });
    expect(runUpdate(claims, withClass(beta, 'local-path'), beta).errors).not.toEqual([]);
    const bare = claim();
    expect(runUpdate(claims, withClass(bare, ''), bare).errors).not.toEqual([]);
  });
});

describe('persistent volume status updates', () => {
  const pv = () =>
    runCreate(volumes, { metadata: { name: 'pv1' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } } }).object;

  it('stamps lastPhaseTransitionTime when the phase changes and keeps it otherwise', () => {
    const old = pv();
    (old.status as Record<string, unknown>).lastPhaseTransitionTime = '2020-01-01T00:00:00Z';
    const available = structuredClone(old);
    (available.status as Record<string, unknown>).phase = 'Available';
    const moved = runStatusUpdate(volumes, available, old).object.status as Record<string, unknown>;
    expect(moved.phase).toBe('Available');
    expect(moved.lastPhaseTransitionTime).not.toBe('2020-01-01T00:00:00Z');
    const same = structuredClone(old);
    delete (same.status as Record<string, unknown>).lastPhaseTransitionTime;
    expect((runStatusUpdate(volumes, same, old).object.status as Record<string, unknown>).lastPhaseTransitionTime).toBe('2020-01-01T00:00:00Z');
  });
});
