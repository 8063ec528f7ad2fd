import { describe, expect, it } from 'vitest';
import { info, node, nodeInfo, pod, withRequests } from '../fixtures.test-support.js';
import { leastAllocated } from './least-allocated.js';
import { balancedAllocation } from './balanced-allocation.js';
import { podTopologySpread } from './pod-topology-spread.js';

describe('LeastAllocated', () => {
  it('scores the free share of cpu and memory after the pod, counting 100m/200Mi for request-less containers', () => {
    const empty = nodeInfo(node('a', { cpu: '1', memory: '2000Mi' }));
    const busy = nodeInfo(node('b', { cpu: '1', memory: '2000Mi' }), pod('x', withRequests({ cpu: '500m', memory: '1000Mi' })));
    // The pod requests nothing: 100m of 1000m and 200Mi of 2000Mi → (90 + 90) / 2.
    // On b: 600m and 1200Mi used → (40 + 40) / 2.
    expect(leastAllocated.score(info(pod('p')), [empty, busy])).toEqual([90, 40]);
    // A bound pod without requests also counts as 100m / 200Mi.
    const defaulted = nodeInfo(node('c', { cpu: '1', memory: '2000Mi' }), pod('y'));
    expect(leastAllocated.score(info(pod('p')), [defaulted])).toEqual([80]);
  });
});

describe('BalancedAllocation', () => {
  it('prefers the node whose cpu and memory fractions stay closest, from actual requests', () => {
    const a = nodeInfo(node('a', { cpu: '1', memory: '1000Mi' }), pod('x', withRequests({ cpu: '500m' })));
    const b = nodeInfo(node('b', { cpu: '1', memory: '1000Mi' }), pod('x', withRequests({ cpu: '500m', memory: '400Mi' })));
    const p = info(pod('p', withRequests({ memory: '100Mi' })));
    // a: cpu .5, memory .1 → 100·(1 − .2) = 80; b: .5 and .5 → 100
    expect(balancedAllocation.score(p, [a, b])).toEqual([80, 100]);
  });
});

describe('PodTopologySpread (system defaults)', () => {
  const owner = { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'rs-1', controller: true }] };
  const sibling = (name: string) => pod(name, {}, owner);

  it('scores nodes with fewer pods of the same controller higher', () => {
    const nodes = [nodeInfo(node('a'), sibling('s1'), sibling('s2')), nodeInfo(node('b'), sibling('s3')), nodeInfo(node('c'), pod('unrelated'))];
    const [a, b, c] = podTopologySpread.score(info(sibling('new')), nodes);
    expect(c).toBe(100);
    expect(b!).toBeLessThan(c!);
    expect(a!).toBeLessThan(b!);
  });

  it('is neutral for a pod without a controller', () => {
    const nodes = [nodeInfo(node('a'), sibling('s1')), nodeInfo(node('b'))];
    expect(podTopologySpread.score(info(pod('lonely')), nodes)).toEqual([100, 100]);
  });
});
