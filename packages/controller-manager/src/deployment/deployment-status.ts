// DeploymentStatus as the controller computes it (sync.go calculateStatus, progress.go and
// deploymentutil's condition helpers): replica counts summed over the ReplicaSets, the Available
// condition, and the Progressing condition that tracks a rollout against progressDeadlineSeconds.
import { metaTime } from '@kctl/shared';
import type { Deployment, ReplicaSet } from '@kctl/shared';
import { actualReplicaCount, availableReplicaCount, deploymentReplicas, readyReplicaCount, replicaCount } from './replica-set-lists.js';
import { maxUnavailable } from './rollout-math.js';

export type DeploymentStatus = NonNullable<Deployment['status']>;
export type DeploymentCondition = NonNullable<DeploymentStatus['conditions']>[number];
type ConditionStatus = 'True' | 'False' | 'Unknown';

// Condition reasons (deploymentutil).
export const REASON = {
  replicaSetUpdated: 'ReplicaSetUpdated',
  failedRSCreate: 'ReplicaSetCreateError',
  newReplicaSet: 'NewReplicaSetCreated',
  foundNewRS: 'FoundNewReplicaSet',
  newRSAvailable: 'NewReplicaSetAvailable',
  timedOut: 'ProgressDeadlineExceeded',
  paused: 'DeploymentPaused',
  resumed: 'DeploymentResumed',
  minimumReplicasAvailable: 'MinimumReplicasAvailable',
  minimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const;

/** progressDeadlineSeconds set and not MaxInt32 (which means "never"). */
export function hasProgressDeadline(d: Deployment): boolean {
  const deadline = d.spec?.progressDeadlineSeconds;
  return deadline !== undefined && deadline !== 2147483647;
}

export function newCondition(type: string, status: ConditionStatus, reason: string, message: string, now: number): DeploymentCondition {
  const at = metaTime(now);
  return { type, status, lastUpdateTime: at, lastTransitionTime: at, reason, message };
}

export function getCondition(status: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/**
 * SetDeploymentCondition: replaces the condition of that type unless status and reason are the
 * same; lastTransitionTime survives when only the reason changes.
 */
export function setCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = getCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current && current.status === condition.status && current.lastTransitionTime !== undefined) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  const kept = (status.conditions ?? []).filter((c) => c.type !== type);
  if (kept.length) status.conditions = kept;
  else delete status.conditions;
}

/** Go's omitempty: zero counts are left out, so a freshly computed status equals a stored one. */
function count(name: keyof DeploymentStatus, value: number): Partial<DeploymentStatus> {
  return value !== 0 ? { [name]: value } : {};
}

/** calculateStatus: the status the Deployment should have given its ReplicaSets. */
export function calculateStatus(allRSs: ReadonlyArray<ReplicaSet | undefined>, newRS: ReplicaSet | undefined, d: Deployment, now: number): DeploymentStatus {
  const available = availableReplicaCount(allRSs);
  // More available than wanted while scaling down: nothing is unavailable.
  const unavailable = Math.max(0, replicaCount(allRSs) - available);
  const status: DeploymentStatus = {
    ...count('observedGeneration', d.metadata?.generation ?? 0),
    ...count('replicas', actualReplicaCount(allRSs)),
    ...count('updatedReplicas', actualReplicaCount([newRS])),
    ...count('readyReplicas', readyReplicaCount(allRSs)),
    ...count('availableReplicas', available),
    ...count('unavailableReplicas', unavailable),
    ...(d.status?.collisionCount !== undefined ? { collisionCount: d.status.collisionCount } : {}),
    ...(d.status?.conditions?.length ? { conditions: d.status.conditions.map((c) => ({ ...c })) } : {}),
  };
  if (available >= deploymentReplicas(d) - maxUnavailable(d)) {
    setCondition(status, newCondition('Available', 'True', REASON.minimumReplicasAvailable, 'Deployment has minimum availability.', now));
  } else {
    setCondition(status, newCondition('Available', 'False', REASON.minimumReplicasUnavailable, 'Deployment does not have minimum availability.', now));
  }
  return status;
}

/** DeploymentComplete: every replica updated and available, and the latest spec observed. */
export function deploymentComplete(d: Deployment, status: DeploymentStatus): boolean {
  const want = deploymentReplicas(d);
  return (
    (status.updatedReplicas ?? 0) === want &&
    (status.replicas ?? 0) === want &&
    (status.availableReplicas ?? 0) === want &&
    (status.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0)
  );
}

/** DeploymentProgressing: more updated, ready or available pods, or fewer old ones, than last time. */
export function deploymentProgressing(d: Deployment, status: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
  return (
    (status.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (status.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (status.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** DeploymentTimedOut: no progress recorded for progressDeadlineSeconds. */
export function deploymentTimedOut(d: Deployment, status: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const condition = getCondition(status, 'Progressing');
  if (!condition) return false;
  if (condition.reason === REASON.newRSAvailable) return false;
  if (condition.reason === REASON.timedOut) return true;
  const from = Date.parse(condition.lastUpdateTime ?? '');
  return from + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 < now;
}

/** getReplicaFailures: a ReplicaFailure condition of the new ReplicaSet first, else of an old one. */
export function replicaFailure(allRSs: ReadonlyArray<ReplicaSet | undefined>, newRS: ReplicaSet | undefined): DeploymentCondition | undefined {
  const ordered = newRS ? [newRS, ...allRSs.filter((rs) => rs && rs !== newRS)] : allRSs;
  for (const rs of ordered) {
    const failure = rs?.status?.conditions?.find((c) => c.type === 'ReplicaFailure' && c.status === 'True');
    if (failure) {
      const at = failure.lastTransitionTime;
      return {
        type: 'ReplicaFailure',
        status: 'True',
        ...(at ? { lastUpdateTime: at, lastTransitionTime: at } : {}),
        ...(failure.reason ? { reason: failure.reason } : {}),
        ...(failure.message ? { message: failure.message } : {}),
      };
    }
  }
  return undefined;
}

/**
 * The status part of syncRolloutStatus: calculateStatus plus the Progressing condition (updated
 * on every sign of progress, ProgressDeadlineExceeded once the deadline passed without any) and
 * the ReplicaSets' ReplicaFailure.
 */
export function rolloutStatus(allRSs: ReadonlyArray<ReplicaSet | undefined>, newRS: ReplicaSet | undefined, d: Deployment, now: number): DeploymentStatus {
  const status = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');
  const current = getCondition(d.status, 'Progressing');
  // A resync of a finished rollout: nothing to estimate.
  const complete = status.replicas === status.updatedReplicas && current?.reason === REASON.newRSAvailable;
  if (hasProgressDeadline(d) && !complete) {
    const name = d.metadata?.name ?? '';
    const subject = newRS ? `ReplicaSet "${newRS.metadata?.name ?? ''}"` : `Deployment "${name}"`;
    if (deploymentComplete(d, status)) {
      setCondition(status, newCondition('Progressing', 'True', REASON.newRSAvailable, `${subject} has successfully progressed.`, now));
    } else if (deploymentProgressing(d, status)) {
      // Same reason, fresh lastUpdateTime: setCondition would keep the old one, so replace it here.
      const condition = newCondition('Progressing', 'True', REASON.replicaSetUpdated, `${subject} is progressing.`, now);
      if (current) {
        if (current.status === 'True' && current.lastTransitionTime !== undefined) condition.lastTransitionTime = current.lastTransitionTime;
        removeCondition(status, 'Progressing');
      }
      setCondition(status, condition);
    } else if (deploymentTimedOut(d, status, now)) {
      setCondition(status, newCondition('Progressing', 'False', REASON.timedOut, `${subject} has timed out progressing.`, now));
    }
  }
  const failure = replicaFailure(allRSs, newRS);
  if (failure) setCondition(status, failure);
  else removeCondition(status, 'ReplicaFailure');
  return status;
}

/**
 * requeueStuckDeployment: while a rollout makes no progress, when to look again so the deadline
 * is noticed (undefined: no need). Zero means at once (rate limited).
 */
export function stuckRequeueAfter(d: Deployment, status: DeploymentStatus, now: number): number | undefined {
  const current = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || !current) return undefined;
  if (deploymentComplete(d, status) || current.reason === REASON.timedOut) return undefined;
  const after = Date.parse(current.lastUpdateTime ?? '') + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 - now;
  return after < 1000 ? 0 : after + 1000;
}
