// calculateStatus and the no-op check of updateReplicaSetStatus (pkg/controller/replicaset/
// replica_set_utils.go): the counts a ReplicaSet reports for the pods it owns, and the
// ReplicaFailure condition while creating or deleting fails.
import { labelSelectorFromSet, metaTime } from '@kctl/shared';
import type { Pod, ReplicaSet } from '@kctl/shared';
import { isPodAvailable, isPodReady } from '../pod-control/index.js';

export type ReplicaSetStatus = NonNullable<ReplicaSet['status']>;
type ReplicaSetCondition = NonNullable<ReplicaSetStatus['conditions']>[number];

export const REPLICA_FAILURE = 'ReplicaFailure';

/** The status for these (claimed, active) pods; `manageError` is what creating/deleting threw, if anything. */
export function calculateStatus(rs: ReplicaSet, pods: readonly Pod[], manageError: unknown, now: number): ReplicaSetStatus {
  const status: ReplicaSetStatus = { ...(rs.status ?? { replicas: 0 }) };
  const templateLabels = labelSelectorFromSet(rs.spec?.template?.metadata?.labels);
  const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of pods) {
    if (templateLabels.matches(pod.metadata?.labels)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReadySeconds, now)) available++;
    }
  }
  const conditions = status.conditions ?? [];
  const failure = conditions.find((c) => c.type === REPLICA_FAILURE);
  if (manageError !== undefined && !failure) {
    const diff = pods.length - (rs.spec?.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    const condition: ReplicaSetCondition = {
      type: REPLICA_FAILURE,
      status: 'True',
      lastTransitionTime: metaTime(now),
      reason,
      message: manageError instanceof Error ? manageError.message : String(manageError),
    };
    status.conditions = [...conditions, condition];
  } else if (manageError === undefined && failure) {
    status.conditions = conditions.filter((c) => c.type !== REPLICA_FAILURE);
  }
  if (status.conditions?.length === 0) delete status.conditions;
  status.replicas = pods.length;
  status.fullyLabeledReplicas = fullyLabeled;
  status.readyReplicas = ready;
  status.availableReplicas = available;
  return status;
}

/** True when writing `next` would change nothing (upstream compares the counts, generation and conditions). */
export function statusUpToDate(rs: ReplicaSet, next: ReplicaSetStatus): boolean {
  const current = rs.status ?? { replicas: 0 };
  return (
    (current.replicas ?? 0) === next.replicas &&
    (current.fullyLabeledReplicas ?? 0) === (next.fullyLabeledReplicas ?? 0) &&
    (current.readyReplicas ?? 0) === (next.readyReplicas ?? 0) &&
    (current.availableReplicas ?? 0) === (next.availableReplicas ?? 0) &&
    (current.observedGeneration ?? 0) === (rs.metadata?.generation ?? 0) &&
    JSON.stringify(current.conditions ?? []) === JSON.stringify(next.conditions ?? [])
  );
}
