// Literal pods and nodes for the scheduler's unit tests.
import type { Node, Pod } from '@kctl/shared';
import { NodeInfo } from './cache/node-info.js';
import { podInfoOf } from './cache/pod-info.js';
import type { PodInfo } from './cache/pod-info.js';

let uid = 0;

export function pod(name: string, spec: Partial<NonNullable<Pod['spec']>> = {}, meta: Partial<NonNullable<Pod['metadata']>> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}-${++uid}`, ...meta },
    spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec },
  };
}

export function withRequests(requests: Record<string, string>, spec: Partial<NonNullable<Pod['spec']>> = {}): Partial<NonNullable<Pod['spec']>> {
  return { containers: [{ name: 'c', image: 'busybox', resources: { requests } }], ...spec };
}

export function node(name: string, opts: { cpu?: string; memory?: string; pods?: string; labels?: Record<string, string>; ready?: 'True' | 'False' | 'Unknown' | null; spec?: Node['spec'] } = {}): Node {
  const allocatable = { cpu: opts.cpu ?? '4', memory: opts.memory ?? '8Gi', pods: opts.pods ?? '110' };
  const ready = opts.ready === undefined ? 'True' : opts.ready;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...opts.labels } },
    ...(opts.spec ? { spec: opts.spec } : {}),
    status: { capacity: allocatable, allocatable, ...(ready ? { conditions: [{ type: 'Ready', status: ready }] } : {}) },
  };
}

export function nodeInfo(n: Node, ...bound: Pod[]): NodeInfo {
  const info = new NodeInfo(n.metadata?.name ?? '');
  info.setNode(n);
  for (const p of bound) info.addPod(podInfoOf(p));
  return info;
}

export function info(p: Pod): PodInfo {
  return podInfoOf(p);
}
