import { describe, expect, it } from 'vitest';
import { SchedulerCache } from './scheduler-cache.js';
import { info, node, pod, withRequests } from '../fixtures.test-support.js';

describe('SchedulerCache', () => {
  it('counts assumed pods until the informer shows them bound, and forgets failed bindings', () => {
    const cache = new SchedulerCache();
    cache.setNode(node('n1'));
    const p = pod('p', withRequests({ cpu: '1' }));
    cache.assume(info(p), 'n1');
    expect(cache.getNode('n1')?.requested.milliCPU).toBe(1000);
    // The informer still shows the pod unbound: the assumption stays.
    cache.updatePod(p);
    expect(cache.isAssumed(p.metadata!.uid!)).toBe(true);
    expect(cache.getNode('n1')?.requested.milliCPU).toBe(1000);
    // Bound: confirmed, counted once.
    cache.updatePod({ ...p, spec: { ...p.spec!, nodeName: 'n1' } });
    expect(cache.isAssumed(p.metadata!.uid!)).toBe(false);
    expect(cache.getNode('n1')?.pods.size).toBe(1);
    cache.removePod(p);
    expect(cache.getNode('n1')?.requested.milliCPU).toBe(0);
    const q = pod('q', withRequests({ cpu: '1' }));
    cache.assume(info(q), 'n1');
    cache.forget(info(q));
    expect(cache.getNode('n1')?.pods.size).toBe(0);
  });

  it('keeps pods bound to a node it has not seen yet, and lists only nodes that exist', () => {
    const cache = new SchedulerCache();
    cache.updatePod(pod('early', { ...withRequests({ cpu: '2' }), nodeName: 'late' }));
    expect(cache.nodeList()).toHaveLength(0);
    cache.setNode(node('late'));
    expect(cache.nodeList().map((n) => [n.name, n.requested.milliCPU])).toEqual([['late', 2000]]);
  });
});
