// One DaemonSet sync, decided from the caches (manage, rollingUpdate and updateDaemonSetStatus of
// pkg/controller/daemon): which nodes get a pod, which pods go, and the status to report. Pure, so
// every rule is tested without an API server.
import type { Node, Pod } from '@kctl/shared';
import { CONTROLLER_REVISION_HASH_LABEL } from '../controller-history/controller-revisions.js';
import { isPodAvailable, isPodReady, podReadyTime } from '../pod-control/index.js';
import { targetNodeOf } from './daemon-pod-template.js';
import type { DaemonSet, DaemonSetStatus } from './daemon-set-types.js';
import { nodeShouldRunDaemonPod, type NodeDecision } from './node-eligibility.js';

export interface DaemonSetPlan {
  /** nodes that get a new pod */
  createOn: string[];
  /** pods to delete: extra, failed, misscheduled, or replaced by the rolling update */
  deletions: Pod[];
  status: DaemonSetStatus;
  /** sync again then (a pod becomes available after minReadySeconds) */
  requeueAfterMs?: number;
}

const byAge = (a: Pod, b: Pod) =>
  (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? '') || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '');

/** getNodesToDaemonPods: the claimed pods by the node they run on or are meant for, oldest first. */
export function podsByNode(pods: readonly Pod[]): Map<string, Pod[]> {
  const result = new Map<string, Pod[]>();
  for (const pod of [...pods].sort(byAge)) {
    const node = targetNodeOf(pod);
    if (node === undefined) continue;
    result.set(node, [...(result.get(node) ?? []), pod]);
  }
  return result;
}

const isTerminating = (pod: Pod) => Boolean(pod.metadata?.deletionTimestamp);

/** How long until a ready pod counts as available, when that is still ahead. */
function msUntilAvailable(pod: Pod, minReadySeconds: number, now: number): number | undefined {
  const since = podReadyTime(pod);
  if (minReadySeconds <= 0 || since === undefined) return undefined;
  const left = since + minReadySeconds * 1000 - now;
  return left >= 0 ? left + 1 : undefined;
}

const hashOf = (pod: Pod) => pod.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL];

/** intstr.GetScaledValueFromIntOrPercent(value, total, roundUp=true). */
export function scaledValue(value: number | string | undefined, total: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number') return value;
  const percent = /^(\d+)%$/.exec(value);
  if (percent) return Math.ceil((Number(percent[1]) * total) / 100);
  const n = Number(value);
  return Number.isInteger(n) ? n : fallback;
}

/** podsShouldBeOnNode: what one node needs. */
function nodeNeeds({ shouldRun, shouldContinueRunning }: NodeDecision, pods: readonly Pod[]): { create: boolean; delete: Pod[] } {
  if (shouldRun && pods.length === 0) return { create: true, delete: [] };
  if (shouldRun) {
    const remove: Pod[] = [];
    const running: Pod[] = [];
    for (const pod of pods) {
      if (isTerminating(pod)) continue;
      // A failed daemon pod is replaced: deleted now, re-created once it is gone.
      if (pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded') remove.push(pod);
      else running.push(pod);
    }
    // More than one daemon pod on the node: keep the oldest.
    return { create: false, delete: [...remove, ...running.slice(1)] };
  }
  if (!shouldContinueRunning) return { create: false, delete: pods.filter((p) => !isTerminating(p)) };
  return { create: false, delete: [] };
}

/**
 * rollingUpdate with maxSurge 0, over the nodes that should run a daemon pod (a node whose pod is
 * gone and not yet re-created counts as unavailable): old-revision pods are deleted (the manage loop re-creates them
 * from the new template) while at most maxUnavailable daemon pods are unavailable; old pods that
 * are unavailable anyway go at once.
 */
export function rollingUpdateDeletions(ds: DaemonSet, byNode: ReadonlyMap<string, Pod[]>, hash: string, desired: number, now: number): Pod[] {
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const maxUnavailable = scaledValue(ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable, desired, 1);
  let unavailable = 0;
  const replaceNow: Pod[] = [];
  const candidates: Pod[] = [];
  for (const pods of byNode.values()) {
    const live = pods.filter((p) => !isTerminating(p));
    const updated = live.filter((p) => hashOf(p) === hash);
    const old = live.filter((p) => hashOf(p) !== hash);
    if (live.length > 1 || live.length === 0) {
      // Being replaced, or more than one: the manage loop sorts it out; count it as unavailable.
      unavailable++;
    } else if (updated[0]) {
      if (!isPodAvailable(updated[0], minReady, now)) unavailable++;
    } else if (old[0]) {
      if (!isPodAvailable(old[0], minReady, now)) replaceNow.push(old[0]);
      else if (unavailable < maxUnavailable) candidates.push(old[0]);
    }
  }
  return [...replaceNow, ...candidates.slice(0, Math.max(0, maxUnavailable - unavailable))];
}

export function planDaemonSet(ds: DaemonSet, nodes: readonly Node[], pods: readonly Pod[], hash: string, now: number): DaemonSetPlan {
  const byNode = podsByNode(pods);
  const nodeNames = new Set(nodes.map((n) => n.metadata?.name ?? ''));
  const createOn: string[] = [];
  const deletions: Pod[] = [];
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const status: DaemonSetStatus = {
    currentNumberScheduled: 0,
    numberMisscheduled: 0,
    desiredNumberScheduled: 0,
    numberReady: 0,
    updatedNumberScheduled: 0,
    numberAvailable: 0,
    numberUnavailable: 0,
    ...(ds.metadata?.generation !== undefined ? { observedGeneration: ds.metadata.generation } : {}),
    ...(ds.status?.collisionCount !== undefined ? { collisionCount: ds.status.collisionCount } : {}),
  };
  let requeueAfterMs: number | undefined;
  const runNodes: string[] = [];
  for (const node of nodes) {
    const name = node.metadata?.name ?? '';
    const onNode = byNode.get(name) ?? [];
    const decision = nodeShouldRunDaemonPod(ds.spec?.template?.spec, node);
    const needs = nodeNeeds(decision, onNode);
    if (needs.create) createOn.push(name);
    deletions.push(...needs.delete);
    if (!decision.shouldRun) {
      if (onNode.length > 0) status.numberMisscheduled++;
      continue;
    }
    status.desiredNumberScheduled++;
    runNodes.push(name);
    const pod = onNode[0];
    if (!pod) continue;
    status.currentNumberScheduled++;
    if (isPodReady(pod)) {
      status.numberReady++;
      if (isPodAvailable(pod, minReady, now)) status.numberAvailable!++;
      const wait = msUntilAvailable(pod, minReady, now);
      if (wait !== undefined) requeueAfterMs = Math.min(requeueAfterMs ?? wait, wait);
    }
    if (hashOf(pod) === hash) status.updatedNumberScheduled!++;
  }
  status.numberUnavailable = status.desiredNumberScheduled - status.numberAvailable!;
  // Pods waiting for a node that is gone are never scheduled: delete them (bound ones are the pod GC's).
  for (const [name, onNode] of byNode) {
    if (nodeNames.has(name)) continue;
    deletions.push(...onNode.filter((p) => !p.spec?.nodeName && !isTerminating(p)));
  }
  if (ds.spec?.updateStrategy?.type !== 'OnDelete') {
    const already = new Set(deletions.map((p) => p.metadata?.uid));
    const eligible = new Map(runNodes.map((name) => [name, byNode.get(name) ?? []]));
    deletions.push(...rollingUpdateDeletions(ds, eligible, hash, status.desiredNumberScheduled, now).filter((p) => !already.has(p.metadata?.uid)));
  }
  return { createOn, deletions, status, ...(requeueAfterMs !== undefined ? { requeueAfterMs } : {}) };
}
