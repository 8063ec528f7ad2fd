// Scaling a Deployment outside a rollout (sync.go): a replicas change while several ReplicaSets
// are active is spread over them in proportion to their size (proportional scaling), so a paused
// or half-finished rollout keeps its ratio; a paused Deployment only scales.
import type { Deployment, ReplicaSet } from '@kctl/shared';
import { desiredReplicasAnnotation } from './annotations.js';
import { getCondition, hasProgressDeadline, newCondition, REASON, setCondition } from './deployment-status.js';
import { bySizeNewer, bySizeOlder, deploymentReplicas, filterActive, findActiveOrLatest, replicaCount, specReplicas } from './replica-set-lists.js';
import type { ReplicaSetWriter } from './replica-set-writer.js';
import { isRollingUpdate, isSaturated, maxSurge, replicaSetProportion } from './rollout-math.js';

/** isScalingEvent: some active ReplicaSet was sized for another replica count than the Deployment's. */
export async function isScalingEvent(w: ReplicaSetWriter, d: Deployment, rsList: readonly ReplicaSet[]): Promise<boolean> {
  const { newRS, oldRSs } = await w.replicaSetsAndSyncRevision(d, rsList, false);
  return filterActive([...oldRSs, newRS]).some((rs) => {
    const desired = desiredReplicasAnnotation(rs);
    return desired !== undefined && desired !== deploymentReplicas(d);
  });
}

/** scale: bring the ReplicaSets' total to replicas (+ maxSurge while several are active). */
export async function scale(w: ReplicaSetWriter, d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): Promise<void> {
  const desired = deploymentReplicas(d);
  // One active ReplicaSet (or none: the newest) takes the whole count.
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (specReplicas(activeOrLatest) !== desired) await w.scaleAndRecordEvent(activeOrLatest, desired, d);
    return;
  }
  // A saturated new ReplicaSet (e.g. after adopting old ones): the old ones go entirely.
  if (isSaturated(d, newRS)) {
    for (const old of filterActive(oldRSs)) await w.scaleAndRecordEvent(old, 0, d);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const allRSs = filterActive([...oldRSs, newRS]);
  const allowedSize = desired > 0 ? desired + maxSurge(d) : 0;
  const toAdd = allowedSize - replicaCount(allRSs);
  // Larger ReplicaSets first; among equals the newer when growing, the older when shrinking.
  let operation = '';
  if (toAdd > 0) {
    allRSs.sort(bySizeNewer);
    operation = 'up';
  } else if (toAdd < 0) {
    allRSs.sort(bySizeOlder);
    operation = 'down';
  }
  let added = 0;
  const sizes = allRSs.map((rs) => {
    if (toAdd === 0) return specReplicas(rs);
    const proportion = replicaSetProportion(rs, d, toAdd, added);
    added += proportion;
    return specReplicas(rs) + proportion;
  });
  // Rounding leftovers go to the largest ReplicaSet.
  if (toAdd !== 0 && sizes.length > 0) sizes[0] = Math.max(0, sizes[0]! + toAdd - added);
  for (const [i, rs] of allRSs.entries()) await w.scale(rs, sizes[i]!, d, operation);
}

/** sync: scaling (and, when paused, history clean-up) without rolling out. */
export async function syncScaling(w: ReplicaSetWriter, d: Deployment, rsList: readonly ReplicaSet[]): Promise<void> {
  const { newRS, oldRSs } = await w.replicaSetsAndSyncRevision(d, rsList, false);
  await scale(w, d, newRS, oldRSs);
  if (d.spec?.paused) await w.cleanup(oldRSs, d);
  await w.syncDeploymentStatus([...oldRSs, newRS], newRS, d);
}

/**
 * checkPausedConditions: Progressing=Unknown while paused (DeploymentPaused) and on resume
 * (DeploymentResumed), so time spent paused never counts against the progress deadline.
 */
export async function checkPausedConditions(w: ReplicaSetWriter, d: Deployment, now: number): Promise<void> {
  if (!hasProgressDeadline(d)) return;
  const current = getCondition(d.status, 'Progressing');
  if (current?.reason === REASON.timedOut) return;
  const pausedRecorded = current?.reason === REASON.paused;
  d.status ??= {};
  if (d.spec?.paused && !pausedRecorded) {
    setCondition(d.status, newCondition('Progressing', 'Unknown', REASON.paused, 'Deployment is paused', now));
  } else if (!d.spec?.paused && pausedRecorded) {
    setCondition(d.status, newCondition('Progressing', 'Unknown', REASON.resumed, 'Deployment is resumed', now));
  } else {
    return;
  }
  await w.updateStatus(d);
}
