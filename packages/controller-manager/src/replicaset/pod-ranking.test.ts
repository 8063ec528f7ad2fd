import { describe, expect, it } from 'vitest';
import type { Pod } from '@kctl/shared';
import { POD_DELETION_COST_ANNOTATION, podsToDelete } from './pod-ranking.js';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

interface Spec {
  name: string;
  node?: string;
  phase?: 'Pending' | 'Running' | 'Unknown' | 'Succeeded' | 'Failed';
  readySince?: number;
  restarts?: number;
  createdAgo?: number;
  cost?: string;
}

function pod(s: Spec): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: s.name,
      uid: `uid-${s.name}`,
      namespace: 'default',
      creationTimestamp: ago(s.createdAgo ?? 3600),
      ...(s.cost !== undefined ? { annotations: { [POD_DELETION_COST_ANNOTATION]: s.cost } } : {}),
    },
    spec: { containers: [{ name: 'c' }], ...(s.node ? { nodeName: s.node } : {}) },
    status: {
      phase: s.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: s.readySince !== undefined ? 'True' : 'False', ...(s.readySince !== undefined ? { lastTransitionTime: ago(s.readySince) } : {}) }],
      containerStatuses: [{ name: 'c', restartCount: s.restarts ?? 0, ready: s.readySince !== undefined, image: 'x', imageID: '' }],
    },
  };
}

/** The full deletion order of these pods. */
const order = (pods: Pod[], related: Pod[] = []) => podsToDelete(pods, related, pods.length - 1, NOW).map((p) => p.metadata?.name);

describe('podsToDelete (ActivePodsWithRanks)', () => {
  it('deletes unscheduled before scheduled', () => {
    expect(order([pod({ name: 'placed', node: 'n1', readySince: 100 }), pod({ name: 'unplaced', phase: 'Pending' }), pod({ name: 'keep', node: 'n1', readySince: 100 })])[0]).toBe('unplaced');
  });

  it('deletes Pending before Unknown before Running', () => {
    const pods = [pod({ name: 'running', node: 'n', readySince: 10 }), pod({ name: 'unknown', node: 'n', phase: 'Unknown' }), pod({ name: 'pending', node: 'n', phase: 'Pending' })];
    expect(podsToDelete(pods, [], 2, NOW).map((p) => p.metadata?.name)).toEqual(['pending', 'unknown']);
  });

  it('deletes not ready before ready', () => {
    expect(order([pod({ name: 'ready', node: 'n', readySince: 10 }), pod({ name: 'unready', node: 'n' }), pod({ name: 'keep', node: 'n', readySince: 10 })])[0]).toBe('unready');
  });

  it('deletes lower pod-deletion-cost first; garbage costs count as 0', () => {
    const pods = [pod({ name: 'dear', node: 'n', readySince: 10, cost: '100' }), pod({ name: 'bad', node: 'n', readySince: 10, cost: 'x' }), pod({ name: 'cheap', node: 'n', readySince: 10, cost: '-5' })];
    expect(podsToDelete(pods, [], 2, NOW).map((p) => p.metadata?.name)).toEqual(['cheap', 'bad']);
  });

  it('deletes pods on nodes crowded with related pods first', () => {
    const a = pod({ name: 'on-a', node: 'a', readySince: 10 });
    const b = pod({ name: 'on-b', node: 'b', readySince: 10 });
    const related = [a, b, pod({ name: 'other-on-b', node: 'b', readySince: 10 })];
    expect(podsToDelete([a, b], related, 1, NOW).map((p) => p.metadata?.name)).toEqual(['on-b']);
  });

  it('deletes the more recently ready first (by power-of-two buckets)', () => {
    const pods = [pod({ name: 'old', node: 'n', readySince: 4000 }), pod({ name: 'new', node: 'n', readySince: 5 }), pod({ name: 'mid', node: 'n', readySince: 300 })];
    expect(podsToDelete(pods, [], 2, NOW).map((p) => p.metadata?.name)).toEqual(['new', 'mid']);
  });

  it('deletes the pod with more restarts first, then the newer one', () => {
    const sameReady = { node: 'n', readySince: 100 };
    expect(order([pod({ name: 'calm', ...sameReady }), pod({ name: 'crashy', ...sameReady, restarts: 3 }), pod({ name: 'keep', ...sameReady })])[0]).toBe('crashy');
    const unready = { node: 'n', phase: 'Running' as const };
    expect(order([pod({ name: 'older', ...unready, createdAgo: 5000 }), pod({ name: 'newer', ...unready, createdAgo: 5 }), pod({ name: 'oldest', ...unready, createdAgo: 90000 })])).toEqual(['newer', 'older']);
  });

  it('returns every pod when the difference covers them all', () => {
    const pods = [pod({ name: 'a' }), pod({ name: 'b' })];
    expect(podsToDelete(pods, [], 5, NOW)).toHaveLength(2);
  });
});
