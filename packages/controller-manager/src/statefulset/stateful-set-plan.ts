// One StatefulSet sync decided from the caches (updateStatefulSet in stateful_set_control.go):
// the ordered actions to take and the status to report. OrderedReady takes one step at a time —
// create ordinal i only once 0..i-1 are Running and Ready, remove the highest ordinal first and
// wait for it to be gone — while Parallel creates and removes all at once. A RollingUpdate
// replaces pods from the highest ordinal down to the partition, one at a time, each only after
// the ones above it are healthy again on the new revision.
import type { Pod } from '@kctl/shared';
import { CONTROLLER_REVISION_HASH_LABEL } from '../controller-history/controller-revisions.js';
import { isPodAvailable, isPodReady } from '../pod-control/index.js';
import { parentAndOrdinal } from './stateful-pod-identity.js';
import type { StatefulSet, StatefulSetStatus } from './stateful-set-types.js';

export type StatefulAction = { type: 'create'; ordinal: number; revision: 'current' | 'update' } | { type: 'delete'; pod: Pod };

export interface Revisions {
  current: string;
  update: string;
}

export interface StatefulSetPlan {
  actions: StatefulAction[];
  status: StatefulSetStatus;
}

const isTerminating = (pod: Pod) => Boolean(pod.metadata?.deletionTimestamp);
const isFinished = (pod: Pod) => pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded';
const isRunningAndReady = (pod: Pod) => pod.status?.phase === 'Running' && isPodReady(pod);
const revisionOf = (pod: Pod) => pod.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '';

/** The revision an ordinal is created from: below the partition the current one (newVersionedStatefulSetPod). */
export function revisionForOrdinal(set: StatefulSet, ordinal: number): 'current' | 'update' {
  const strategy = set.spec?.updateStrategy;
  return strategy?.type !== 'OnDelete' && ordinal < (strategy?.rollingUpdate?.partition ?? 0) ? 'current' : 'update';
}

/** Actions in the order upstream takes them; OrderedReady stops at the first one (and at the first wait). */
function decideActions(set: StatefulSet, slots: ReadonlyArray<Pod | undefined>, condemned: readonly Pod[], revisions: Revisions, now: number): StatefulAction[] {
  const monotonic = set.spec?.podManagementPolicy !== 'Parallel';
  const minReady = set.spec?.minReadySeconds ?? 0;
  const isHealthy = (pod: Pod) => isRunningAndReady(pod) && isPodAvailable(pod, minReady, now) && !isTerminating(pod);
  const firstUnhealthy = [...slots, ...condemned].find((pod) => pod !== undefined && !isHealthy(pod));
  const actions: StatefulAction[] = [];

  for (let ordinal = 0; ordinal < slots.length; ordinal++) {
    const pod = slots[ordinal];
    if (!pod) {
      actions.push({ type: 'create', ordinal, revision: revisionForOrdinal(set, ordinal) });
      if (monotonic) return actions;
      continue;
    }
    // A finished pod is deleted and later re-created with the same identity.
    if (isFinished(pod) && !isTerminating(pod)) {
      actions.push({ type: 'delete', pod });
      if (monotonic) return actions;
      continue;
    }
    if (monotonic && (isTerminating(pod) || !isRunningAndReady(pod) || !isPodAvailable(pod, minReady, now))) return actions;
  }

  for (const pod of condemned) {
    if (isTerminating(pod)) {
      if (monotonic) return actions;
      continue;
    }
    // Only the first unhealthy pod may be removed while unhealthy: the others wait for it.
    if (monotonic && !isHealthy(pod) && pod !== firstUnhealthy) return actions;
    actions.push({ type: 'delete', pod });
    if (monotonic) return actions;
  }

  if (set.spec?.updateStrategy?.type === 'OnDelete') return actions;
  const partition = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
  for (let ordinal = slots.length - 1; ordinal >= partition; ordinal--) {
    const pod = slots[ordinal];
    if (!pod) return actions;
    if (revisionOf(pod) !== revisions.update && !isTerminating(pod)) {
      actions.push({ type: 'delete', pod });
      return actions;
    }
    if (!isHealthy(pod)) return actions;
  }
  return actions;
}

/** computeReplicaStatus plus completeRollingUpdate. */
function statusOf(set: StatefulSet, pods: readonly Pod[], revisions: Revisions, now: number): StatefulSetStatus {
  const minReady = set.spec?.minReadySeconds ?? 0;
  const status: StatefulSetStatus = {
    replicas: pods.length,
    readyReplicas: pods.filter(isRunningAndReady).length,
    availableReplicas: pods.filter((p) => isRunningAndReady(p) && isPodAvailable(p, minReady, now)).length,
    currentReplicas: pods.filter((p) => !isTerminating(p) && revisionOf(p) === revisions.current).length,
    updatedReplicas: pods.filter((p) => !isTerminating(p) && revisionOf(p) === revisions.update).length,
    currentRevision: revisions.current,
    updateRevision: revisions.update,
    ...(set.metadata?.generation !== undefined ? { observedGeneration: set.metadata.generation } : {}),
    ...(set.status?.collisionCount !== undefined ? { collisionCount: set.status.collisionCount } : {}),
  };
  const wanted = set.spec?.replicas ?? 1;
  if (set.spec?.updateStrategy?.type !== 'OnDelete' && status.updatedReplicas === wanted && status.readyReplicas === wanted && status.replicas === wanted) {
    status.currentRevision = status.updateRevision;
    status.currentReplicas = status.updatedReplicas;
  }
  return status;
}

export function planStatefulSet(set: StatefulSet, pods: readonly Pod[], revisions: Revisions, now: number): StatefulSetPlan {
  const replicas = set.spec?.replicas ?? 1;
  const slots: Array<Pod | undefined> = Array.from({ length: replicas }, () => undefined);
  const condemned: Pod[] = [];
  for (const pod of pods) {
    const { ordinal } = parentAndOrdinal(pod);
    if (ordinal >= 0 && ordinal < replicas) slots[ordinal] = pod;
    else if (ordinal >= replicas) condemned.push(pod);
  }
  condemned.sort((a, b) => parentAndOrdinal(b).ordinal - parentAndOrdinal(a).ordinal);
  return { actions: decideActions(set, slots, condemned, revisions, now), status: statusOf(set, pods, revisions, now) };
}
