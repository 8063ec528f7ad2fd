import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '@kctl/shared';
import { REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION, setNewReplicaSetAnnotations } from './annotations.js';
import { computePodTemplateHash } from './pod-template-hash.js';
import { fnv32, safeEncodeString } from '../object-hash.js';
import { maxSurge, maxUnavailable, newRSNewReplicas, replicaSetProportion, resolveFenceposts, scaledValue } from './rollout-math.js';
import { equalIgnoreHash } from './template-equality.js';

const rolling = (replicas: number, surge: number | string, unavailable: number | string): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'busybox' }] } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } },
  },
});
const rs = (replicas: number, annotations: Record<string, string> = {}): ReplicaSet => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: `rs-${replicas}`, annotations }, spec: { replicas, selector: {} } });

describe('rollout numbers', () => {
  it('rounds surge up and unavailable down, and never resolves both to zero', () => {
    expect(scaledValue('25%', 10, true)).toBe(3);
    expect(scaledValue('25%', 10, false)).toBe(2);
    expect(scaledValue(4, 10, false)).toBe(4);
    expect(() => scaledValue('5', 10, true)).toThrow(/invalid value/);
    expect(resolveFenceposts('0%', '10%', 3)).toEqual({ surge: 0, unavailable: 1 });
    expect(maxSurge(rolling(3, '25%', '25%'))).toBe(1);
    expect(maxUnavailable(rolling(3, '25%', '25%'))).toBe(0); // rounded down; surge is 1, so no fencepost rule
    expect(maxUnavailable(rolling(2, 0, 5))).toBe(2);
    expect(maxUnavailable(rolling(0, 1, 1))).toBe(0);
  });

  it('grows the new ReplicaSet only up to replicas + maxSurge', () => {
    const d = rolling(50, '25%', '25%'); // surge 13
    const old = rs(50);
    const fresh = rs(0);
    expect(newRSNewReplicas(d, [old, fresh], fresh)).toBe(13);
    expect(newRSNewReplicas(d, [rs(45), rs(18)], rs(18))).toBe(18);
    expect(newRSNewReplicas(d, [rs(10), rs(45)], rs(45))).toBe(50);
  });

  it('splits a scale-up in proportion to each ReplicaSet size', () => {
    const d = rolling(20, 0, 1); // was 10 (max-replicas 10), now 20
    const a = rs(6, { 'deployment.kubernetes.io/max-replicas': '10' });
    expect(replicaSetProportion(a, d, 10, 0)).toBe(6);
    expect(replicaSetProportion(a, d, 10, 8)).toBe(2);
    expect(replicaSetProportion(a, rolling(0, 0, 1), -6, 0)).toBe(-6);
  });
});

describe('pod-template-hash', () => {
  it('is FNV-1a, safe-encoded, stable under key order, and moved by the collision count', () => {
    expect(fnv32('fnv1a', Buffer.from('a'))).toBe(0xe40c292c);
    expect(safeEncodeString('0123456789')).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{10}$/);
    const t1 = { metadata: { labels: { a: '1', b: '2' } }, spec: { containers: [] } };
    const t2 = { spec: { containers: [] }, metadata: { labels: { b: '2', a: '1' } } };
    expect(computePodTemplateHash(t1)).toBe(computePodTemplateHash(t2));
    expect(computePodTemplateHash(t1, 1)).not.toBe(computePodTemplateHash(t1));
    expect(computePodTemplateHash(t1, 0)).not.toBe(computePodTemplateHash(t1));
  });

  it('compares templates ignoring the hash label and nil-versus-empty collections', () => {
    const a = { metadata: { labels: { app: 'x', 'pod-template-hash': 'abc' } }, spec: { containers: [{ name: 'c', env: [] }] } };
    const b = { metadata: { labels: { app: 'x' }, annotations: {} }, spec: { containers: [{ name: 'c' }] } };
    expect(equalIgnoreHash(a, b)).toBe(true);
    expect(equalIgnoreHash(a, { ...b, spec: { containers: [{ name: 'd' }] } })).toBe(false);
  });
});

describe('revision annotations', () => {
  it('keeps the old revision in revision-history when a ReplicaSet is re-used', () => {
    const d = rolling(3, 1, 0);
    d.metadata!.annotations = { 'kubernetes.io/change-cause': 'undo', [REVISION_ANNOTATION]: '9' };
    const reused = rs(0, { [REVISION_ANNOTATION]: '1' });
    expect(setNewReplicaSetAnnotations(d, reused, 3, true, 1)).toBe(true);
    expect(reused.metadata!.annotations).toEqual({ 'kubernetes.io/change-cause': 'undo', [REVISION_ANNOTATION]: '3', [REVISION_HISTORY_ANNOTATION]: '1' });
    setNewReplicaSetAnnotations(d, reused, 5, true, 1);
    expect(reused.metadata!.annotations![REVISION_HISTORY_ANNOTATION]).toBe('1,3');
    expect(setNewReplicaSetAnnotations(d, reused, 4, true, 1)).toBe(false);
  });

  it('records desired and max replicas on a new ReplicaSet', () => {
    const created = rs(0);
    setNewReplicaSetAnnotations(rolling(4, '25%', 0), created, 1, false, 1);
    expect(created.metadata!.annotations).toMatchObject({ 'deployment.kubernetes.io/desired-replicas': '4', 'deployment.kubernetes.io/max-replicas': '5' });
  });
});
