import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '@kctl/shared';
import { daemonPodTemplate, targetNodeOf } from './daemon-pod-template.js';
import { planDaemonSet } from './daemon-set-plan.js';
import type { DaemonSet } from './daemon-set-types.js';
import { nodeShouldRunDaemonPod, withDaemonTolerations } from './node-eligibility.js';

const node = (name: string, extra: { labels?: Record<string, string>; taints?: Array<{ key: string; effect: 'NoSchedule' | 'NoExecute' }> } = {}): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(extra.labels ?? {}) } },
  spec: { ...(extra.taints ? { taints: extra.taints } : {}) },
});

const daemonSet = (spec: Partial<NonNullable<DaemonSet['spec']>> = {}): DaemonSet => ({
  metadata: { name: 'agent', namespace: 'default', uid: 'ds-uid', generation: 2 },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'c', image: 'x' }] } },
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
    ...spec,
  },
});

let serial = 0;
function pod(nodeName: string, hash: string, opts: { ready?: boolean; deleting?: boolean; phase?: string } = {}): Pod {
  serial++;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `agent-${serial}`,
      namespace: 'default',
      uid: `pod-${serial}`,
      creationTimestamp: `2025-01-01T00:00:${String(serial).padStart(2, '0')}Z`,
      labels: { app: 'agent', 'controller-revision-hash': hash },
      ...(opts.deleting ? { deletionTimestamp: '2025-01-01T00:01:00Z' } : {}),
    },
    spec: { nodeName, containers: [] },
    status: { phase: (opts.phase ?? 'Running') as NonNullable<Pod['status']>['phase'], conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }] },
  };
}

describe('daemon node eligibility', () => {
  it('adds the daemon tolerations once, network-unavailable only for host-network pods', () => {
    const keys = withDaemonTolerations([{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }], false).map((t) => `${t.key}:${t.effect}`);
    expect(keys).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    expect(withDaemonTolerations([], true).at(-1)).toEqual({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  });

  it('follows nodeSelector, required affinity and untolerated taints', () => {
    const spec = { containers: [], nodeSelector: { disk: 'ssd' } };
    expect(nodeShouldRunDaemonPod(spec, node('a', { labels: { disk: 'ssd' } })).shouldRun).toBe(true);
    expect(nodeShouldRunDaemonPod(spec, node('b')).shouldRun).toBe(false);
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In' as const, values: ['b'] }] }] } } };
    expect(nodeShouldRunDaemonPod({ containers: [], affinity }, node('b')).shouldRun).toBe(true);
    expect(nodeShouldRunDaemonPod({ containers: [], affinity }, node('a')).shouldRun).toBe(false);
    // Cordoned and not-ready nodes still run daemons; a foreign NoSchedule taint keeps new ones off but lets a running one stay.
    expect(nodeShouldRunDaemonPod({ containers: [] }, node('c', { taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] })).shouldRun).toBe(true);
    expect(nodeShouldRunDaemonPod({ containers: [] }, node('c', { taints: [{ key: 'dedicated', effect: 'NoSchedule' }] }))).toEqual({ shouldRun: false, shouldContinueRunning: true });
    expect(nodeShouldRunDaemonPod({ containers: [] }, node('c', { taints: [{ key: 'dedicated', effect: 'NoExecute' }] }))).toEqual({ shouldRun: false, shouldContinueRunning: false });
  });

  it('creates pods pinned to their node by required node affinity on metadata.name', () => {
    const template = daemonPodTemplate(daemonSet().spec!.template, 'node-2', 'h1', 2);
    expect(template.metadata?.labels).toEqual({ app: 'agent', 'pod-template-generation': '2', 'controller-revision-hash': 'h1' });
    expect(template.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution).toEqual({
      nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-2'] }] }],
    });
    expect(targetNodeOf({ apiVersion: 'v1', kind: 'Pod', spec: template.spec! })).toBe('node-2');
  });
});

describe('planDaemonSet', () => {
  const nodes = [node('a'), node('b'), node('c', { labels: { role: 'edge' } })];

  it('creates on every eligible node without a pod and reports the status', () => {
    const plan = planDaemonSet(daemonSet(), nodes, [pod('a', 'h1')], 'h1', Date.now());
    expect(plan.createOn).toEqual(['b', 'c']);
    expect(plan.deletions).toEqual([]);
    expect(plan.status).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 1, numberReady: 1, numberAvailable: 1, updatedNumberScheduled: 1, numberUnavailable: 2, numberMisscheduled: 0, observedGeneration: 2 });
  });

  it('deletes extra, failed and misscheduled pods', () => {
    const ds = daemonSet({ template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [], nodeSelector: { role: 'edge' } } } });
    const keep = pod('c', 'h1');
    const extra = pod('c', 'h1');
    const misplaced = pod('a', 'h1');
    const plan = planDaemonSet(ds, nodes, [keep, extra, misplaced], 'h1', Date.now());
    expect(plan.deletions.map((p) => p.metadata?.name).sort()).toEqual([extra, misplaced].map((p) => p.metadata?.name).sort());
    expect(plan.status).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberMisscheduled: 1 });
    const failed = pod('c', 'h1', { phase: 'Failed' });
    expect(planDaemonSet(ds, nodes, [failed], 'h1', Date.now()).deletions).toEqual([failed]);
  });

  it('rolls old pods over at most maxUnavailable at a time, replacing unavailable ones at once', () => {
    const old = [pod('a', 'h1'), pod('b', 'h1'), pod('c', 'h1')];
    expect(planDaemonSet(daemonSet(), nodes, old, 'h2', Date.now()).deletions).toHaveLength(1);
    const twoAtOnce = daemonSet({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '50%' } } });
    expect(planDaemonSet(twoAtOnce, nodes, old, 'h2', Date.now()).deletions).toHaveLength(2);
    // One node mid-replacement (its old pod terminating): nothing else goes.
    const midway = [pod('a', 'h1', { deleting: true }), pod('b', 'h1'), pod('c', 'h1')];
    expect(planDaemonSet(daemonSet(), nodes, midway, 'h2', Date.now()).deletions).toEqual([]);
    // An unready old pod is replaced regardless of the budget.
    const broken = pod('c', 'h1', { ready: false });
    const plan = planDaemonSet(daemonSet(), nodes, [pod('a', 'h2', { ready: false }), pod('b', 'h1'), broken], 'h2', Date.now());
    expect(plan.deletions).toEqual([broken]);
    expect(planDaemonSet(daemonSet({ updateStrategy: { type: 'OnDelete' } }), nodes, old, 'h2', Date.now()).deletions).toEqual([]);
  });
});
