// The pure rules: condition taints, Unknown conditions, eviction times.
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '@kctl/shared';
import { evictionDecision, taintedSince } from './eviction-decision.js';
import { NodeHealth } from './node-health.js';
import { NOT_READY_TAINT_KEY, UNREACHABLE_TAINT_KEY, alignConditionTaints } from './node-taints.js';
import type { Taint } from './node-taints.js';
import { conditionsMarkedUnknown } from './unknown-conditions.js';

const NOW = '2026-01-01T00:00:00Z';

describe('alignConditionTaints', () => {
  it('adds unreachable NoSchedule and NoExecute (with timeAdded) for Ready=Unknown', () => {
    expect(alignConditionTaints([], 'Unknown', NOW)).toEqual([
      { key: UNREACHABLE_TAINT_KEY, effect: 'NoSchedule' },
      { key: UNREACHABLE_TAINT_KEY, effect: 'NoExecute', timeAdded: NOW },
    ]);
  });

  it('swaps not-ready for unreachable and keeps unrelated taints', () => {
    const other: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
    const taints: Taint[] = [other, { key: NOT_READY_TAINT_KEY, effect: 'NoSchedule' }, { key: NOT_READY_TAINT_KEY, effect: 'NoExecute', timeAdded: NOW }];
    expect(alignConditionTaints(taints, 'Unknown', 'later')).toEqual([
      other,
      { key: UNREACHABLE_TAINT_KEY, effect: 'NoSchedule' },
      { key: UNREACHABLE_TAINT_KEY, effect: 'NoExecute', timeAdded: 'later' },
    ]);
  });

  it('removes the condition taints once Ready=True, and reports no change when aligned', () => {
    const taints: Taint[] = [{ key: UNREACHABLE_TAINT_KEY, effect: 'NoSchedule' }, { key: UNREACHABLE_TAINT_KEY, effect: 'NoExecute', timeAdded: NOW }];
    expect(alignConditionTaints(taints, 'True', NOW)).toEqual([]);
    expect(alignConditionTaints(taints, 'Unknown', 'later')).toBeUndefined();
    expect(alignConditionTaints([], 'True', NOW)).toBeUndefined();
    expect(alignConditionTaints([{ key: NOT_READY_TAINT_KEY, effect: 'NoSchedule' }], 'False', NOW)).toEqual([
      { key: NOT_READY_TAINT_KEY, effect: 'NoSchedule' },
      { key: NOT_READY_TAINT_KEY, effect: 'NoExecute', timeAdded: NOW },
    ]);
  });
});

describe('conditionsMarkedUnknown', () => {
  const beat = '2025-12-31T23:59:00Z';
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'n1', creationTimestamp: beat },
    status: {
      conditions: [
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: beat, lastTransitionTime: beat },
        { type: 'NetworkUnavailable', status: 'False', reason: 'RouteCreated' },
      ],
    },
  };

  it('turns the kubelet conditions Unknown, keeping heartbeats and other conditions', () => {
    const conditions = conditionsMarkedUnknown(node, NOW)!;
    expect(conditions.find((c) => c.type === 'Ready')).toEqual({
      type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastHeartbeatTime: beat, lastTransitionTime: NOW,
    });
    expect(conditions.find((c) => c.type === 'NetworkUnavailable')?.status).toBe('False');
    expect(conditions.find((c) => c.type === 'MemoryPressure')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.' });
    expect(conditionsMarkedUnknown({ ...node, status: { conditions } }, 'later')).toBeUndefined();
  });
});

describe('evictionDecision', () => {
  const unreachable: Taint = { key: UNREACHABLE_TAINT_KEY, effect: 'NoExecute' };
  const pod = (tolerations: NonNullable<Pod['spec']>['tolerations']): Pod => ({ apiVersion: 'v1', kind: 'Pod', spec: { containers: [], ...(tolerations ? { tolerations } : {}) } });

  it('evicts at once a pod that does not tolerate every taint', () => {
    expect(evictionDecision(pod(undefined), [unreachable], 1000)).toEqual({ kind: 'evict', at: Number.NEGATIVE_INFINITY });
    const other = pod([{ key: 'x', operator: 'Exists', effect: 'NoExecute' }]);
    expect(evictionDecision(other, [unreachable], 1000).kind).toBe('evict');
  });

  it('evicts after the shortest tolerationSeconds, counted from the taint', () => {
    const p = pod([
      { key: UNREACHABLE_TAINT_KEY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { operator: 'Exists', tolerationSeconds: 2 },
    ]);
    expect(evictionDecision(p, [unreachable], 1000)).toEqual({ kind: 'evict', at: 3000 });
    expect(evictionDecision(pod([{ operator: 'Exists', tolerationSeconds: -5 }]), [unreachable], 1000)).toEqual({ kind: 'evict', at: 1000 });
  });

  it('keeps a pod whose tolerations are unbounded, or a pod on an untainted node', () => {
    expect(evictionDecision(pod([{ operator: 'Exists' }]), [unreachable], 1000)).toEqual({ kind: 'keep' });
    expect(evictionDecision(pod(undefined), [], 1000)).toEqual({ kind: 'keep' });
  });

  it('takes the earliest timeAdded, else the fallback', () => {
    expect(taintedSince([{ ...unreachable, timeAdded: '1970-01-01T00:00:02Z' }, { ...unreachable, timeAdded: '1970-01-01T00:00:01Z' }], 9)).toBe(1000);
    expect(taintedSince([unreachable], 9)).toBe(9);
  });
});

describe('NodeHealth', () => {
  const node = (beat: string): Node => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: beat }] } });

  it('moves the probe time only when the heartbeat or the lease renewal changes', () => {
    const health = new NodeHealth();
    expect(health.observe(node('a'), { spec: { renewTime: 'r1' } }, 10)).toBe(10);
    expect(health.observe(node('a'), { spec: { renewTime: 'r1' } }, 20)).toBe(10);
    expect(health.observe(node('a'), { spec: { renewTime: 'r2' } }, 30)).toBe(30);
    expect(health.observe(node('b'), { spec: { renewTime: 'r2' } }, 40)).toBe(40);
    health.forget('n1');
    expect(health.observe(node('b'), { spec: { renewTime: 'r2' } }, 50)).toBe(50);
  });
});
