import { describe, expect, it } from 'vitest';
import { PodScheduler, feasibleNodesToFind } from './schedule-pod.js';
import { info, node, nodeInfo, pod, withRequests } from './fixtures.test-support.js';

describe('PodScheduler', () => {
  it('picks the best-scored feasible node', () => {
    const nodes = [nodeInfo(node('busy', { cpu: '2' }), pod('x', withRequests({ cpu: '1500m' }))), nodeInfo(node('idle', { cpu: '2' })), nodeInfo(node('cordoned', { spec: { unschedulable: true } }))];
    expect(new PodScheduler().schedule(info(pod('p')), nodes)).toEqual({ nodeName: 'idle', feasibleNodes: 2 });
  });

  it('reports why no node fits', () => {
    const nodes = [nodeInfo(node('a', { cpu: '1' })), nodeInfo(node('b', { cpu: '1' })), nodeInfo(node('c', { ready: 'False' }))];
    expect(new PodScheduler().schedule(info(pod('p', withRequests({ cpu: '2' }))), nodes)).toEqual({
      unschedulable:
        '0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 2 Insufficient cpu. ' +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    });
    expect(new PodScheduler().schedule(info(pod('p')), [])).toEqual({ unschedulable: 'no nodes available to schedule pods' });
  });

  it('breaks ties with the random source', () => {
    const nodes = [nodeInfo(node('a')), nodeInfo(node('b')), nodeInfo(node('c'))];
    // Reservoir sampling: replace the pick when random·ties < 1.
    expect(new PodScheduler({ random: () => 0.99 }).schedule(info(pod('p')), nodes)).toMatchObject({ nodeName: 'a' });
    expect(new PodScheduler({ random: () => 0 }).schedule(info(pod('p')), nodes)).toMatchObject({ nodeName: 'c' });
  });

  it('searches only part of a large cluster, like percentageOfNodesToScore', () => {
    expect(feasibleNodesToFind(50)).toBe(50);
    expect(feasibleNodesToFind(1000)).toBe(420);
    expect(feasibleNodesToFind(5000)).toBe(500);
    const nodes = Array.from({ length: 1000 }, (_, i) => nodeInfo(node(`n${i}`)));
    expect(new PodScheduler().schedule(info(pod('p')), nodes)).toMatchObject({ feasibleNodes: 420 });
  });
});
