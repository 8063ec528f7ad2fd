// Which pods a shrinking ReplicaSet deletes first: Kubernetes' ActivePodsWithRanks ordering
// (pkg/controller/controller_utils.go) with its default feature gates (PodDeletionCost and
// LogarithmicScaleDown on), and getPodsToDelete (pkg/controller/replicaset/replica_set.go).
// The pods that cost least to lose come first: not yet placed, not running, not ready, cheap by
// annotation, doubled up on a node, ready most recently, crash-looping, youngest.
import type { Pod } from '@kctl/shared';
import { isPodActive, isPodReady, podReadyTime } from '../pod-control/index.js';

export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

export interface RankedPod {
  pod: Pod;
  /** how many related pods (same owning Deployment) share its node: more means delete sooner */
  rank: number;
}

const PHASE_ORDINAL: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

/** GetDeletionCostFromPodAnnotations: an int32; anything unparsable counts as 0. */
function deletionCost(pod: Pod): number {
  const text = pod.metadata?.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (text === undefined || !/^[+-]?\d+$/.test(text.trim())) return 0;
  const value = Number(text.trim());
  return value >= -2147483648 && value <= 2147483647 ? value : 0;
}

/** Restart counts of regular containers and of restartable init containers (sidecars), each the max. */
function maxRestarts(pod: Pod): [regular: number, sidecar: number] {
  const regular = Math.max(0, ...(pod.status?.containerStatuses ?? []).map((s) => s.restartCount ?? 0));
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const sidecar = Math.max(0, ...(pod.status?.initContainerStatuses ?? []).filter((s) => sidecars.has(s.name)).map((s) => s.restartCount ?? 0));
  return [regular, sidecar];
}

/** upstream's afterOrZero: a missing time sorts first, then the later time. */
function afterOrZero(a: number | undefined, b: number | undefined): boolean {
  if (a === undefined || b === undefined) return a === undefined;
  return a > b;
}

/** floor(log2(age in ns)), or -1 for no age: pods of similar age are treated alike. */
function logarithmicRank(at: number, now: number): number {
  const ns = (now - at) * 1e6;
  return ns <= 0 ? -1 : Math.floor(Math.log2(ns));
}

/** LogarithmicScaleDown: compare ages by power-of-two bucket, breaking ties by UID so the choice is random-ish yet stable. */
function newerByBuckets(a: number | undefined, b: number | undefined, now: number, uidA: string, uidB: string): boolean {
  if (a === undefined || b === undefined) return afterOrZero(a, b);
  const diff = logarithmicRank(a, now) - logarithmicRank(b, now);
  return diff === 0 ? uidA < uidB : diff < 0;
}

function creationTime(pod: Pod): number | undefined {
  const at = pod.metadata?.creationTimestamp ? Date.parse(pod.metadata.creationTimestamp) : NaN;
  return Number.isNaN(at) ? undefined : at;
}

/** ActivePodsWithRanks.Less: true when `a` should be deleted before `b`. */
export function deleteBefore(a: RankedPod, b: RankedPod, now: number): boolean {
  const [pi, pj] = [a.pod, b.pod];
  // 1. Unassigned < assigned.
  const nodeI = pi.spec?.nodeName ?? '';
  const nodeJ = pj.spec?.nodeName ?? '';
  if (nodeI !== nodeJ && (nodeI === '' || nodeJ === '')) return nodeI === '';
  // 2. Pending < Unknown < Running.
  const phaseI = PHASE_ORDINAL[pi.status?.phase ?? ''] ?? 0;
  const phaseJ = PHASE_ORDINAL[pj.status?.phase ?? ''] ?? 0;
  if (phaseI !== phaseJ) return phaseI < phaseJ;
  // 3. Not ready < ready.
  const readyI = isPodReady(pi);
  if (readyI !== isPodReady(pj)) return !readyI;
  // 4. Lower pod-deletion-cost < higher.
  const costI = deletionCost(pi);
  const costJ = deletionCost(pj);
  if (costI !== costJ) return costI < costJ;
  // 5. Doubled up < not doubled up.
  if (a.rank !== b.rank) return a.rank > b.rank;
  const uidI = pi.metadata?.uid ?? '';
  const uidJ = pj.metadata?.uid ?? '';
  // 6. Ready for a shorter time < longer.
  if (readyI) {
    const readyAtI = podReadyTime(pi);
    const readyAtJ = podReadyTime(pj);
    if (readyAtI !== readyAtJ) return newerByBuckets(readyAtI, readyAtJ, now, uidI, uidJ);
  }
  // 7. More restarts < fewer (regular containers, then sidecars).
  const [regularI, sidecarI] = maxRestarts(pi);
  const [regularJ, sidecarJ] = maxRestarts(pj);
  if (regularI !== regularJ) return regularI > regularJ;
  if (sidecarI !== sidecarJ) return sidecarI > sidecarJ;
  // 8. Newer < older.
  const createdI = creationTime(pi);
  const createdJ = creationTime(pj);
  if (createdI !== createdJ) return newerByBuckets(createdI, createdJ, now, uidI, uidJ);
  return false;
}

/** getPodsRankedByRelatedPodsOnSameNode: rank = active related pods on the pod's node. */
export function rankByRelatedPodsOnSameNode(pods: readonly Pod[], relatedPods: readonly Pod[]): RankedPod[] {
  const podsOnNode = new Map<string, number>();
  for (const pod of relatedPods) {
    if (!isPodActive(pod)) continue;
    const node = pod.spec?.nodeName ?? '';
    podsOnNode.set(node, (podsOnNode.get(node) ?? 0) + 1);
  }
  return pods.map((pod) => ({ pod, rank: podsOnNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
}

/** getPodsToDelete: the `diff` pods to delete first (all of them when diff covers every pod). */
export function podsToDelete(pods: readonly Pod[], relatedPods: readonly Pod[], diff: number, now = Date.now()): Pod[] {
  if (diff >= pods.length) return [...pods];
  const ranked = rankByRelatedPodsOnSameNode(pods, relatedPods);
  ranked.sort((a, b) => (deleteBefore(a, b, now) ? -1 : deleteBefore(b, a, now) ? 1 : 0));
  return ranked.slice(0, diff).map((r) => r.pod);
}
