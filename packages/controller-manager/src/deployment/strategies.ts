// The two rollout strategies: RollingUpdate (rolling.go) grows the new ReplicaSet within
// replicas + maxSurge and shrinks old ones while at least replicas - maxUnavailable stay
// available; Recreate (recreate.go) scales every old ReplicaSet to zero, waits until their pods
// are gone, then scales up the new one.
import type { Deployment, Pod, ReplicaSet } from '@kctl/shared';
import { deploymentComplete } from './deployment-status.js';
import { actualReplicaCount, availableReplicaCount, byCreationTimestamp, deploymentReplicas, filterActive, replicaCount, specReplicas } from './replica-set-lists.js';
import type { ReplicaSetWriter } from './replica-set-writer.js';
import { maxUnavailable, newRSNewReplicas } from './rollout-math.js';

/** What a reconcile asks of the queue: look again after this many ms. */
export type Requeue = number | undefined;

export async function rolloutRolling(w: ReplicaSetWriter, d: Deployment, rsList: readonly ReplicaSet[]): Promise<Requeue> {
  const { newRS, oldRSs } = await w.replicaSetsAndSyncRevision(d, rsList, true);
  const allRSs = [...oldRSs, newRS];
  if (await reconcileNewReplicaSet(w, allRSs, newRS!, d)) return w.syncRolloutStatus(allRSs, newRS, d);
  if (await reconcileOldReplicaSets(w, allRSs, filterActive(oldRSs), newRS!, d)) return w.syncRolloutStatus(allRSs, newRS, d);
  if (deploymentComplete(d, d.status ?? {})) await w.cleanup(oldRSs, d);
  return w.syncRolloutStatus(allRSs, newRS, d);
}

async function reconcileNewReplicaSet(w: ReplicaSetWriter, allRSs: Array<ReplicaSet | undefined>, newRS: ReplicaSet, d: Deployment): Promise<boolean> {
  const desired = deploymentReplicas(d);
  if (specReplicas(newRS) === desired) return false;
  const target = specReplicas(newRS) > desired ? desired : newRSNewReplicas(d, allRSs, newRS);
  return (await w.scaleAndRecordEvent(newRS, target, d)).scaled;
}

async function reconcileOldReplicaSets(w: ReplicaSetWriter, allRSs: Array<ReplicaSet | undefined>, oldRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): Promise<boolean> {
  if (replicaCount(oldRSs) === 0) return false;
  const minAvailable = deploymentReplicas(d) - maxUnavailable(d);
  const newRSUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  // Room to scale down without going under minAvailable, counting the new ReplicaSet's
  // unavailable pods as if they were never coming.
  const maxScaledDown = replicaCount(allRSs) - minAvailable - newRSUnavailable;
  if (maxScaledDown <= 0) return false;
  // Unhealthy old replicas go first: removing them costs no availability.
  const { rss: cleaned, scaledDown: cleanedUp } = await cleanupUnhealthyReplicas(w, oldRSs, d, maxScaledDown);
  const scaledDown = await scaleDownOldReplicaSets(w, [...cleaned, newRS], cleaned, d);
  return cleanedUp + scaledDown > 0;
}

async function cleanupUnhealthyReplicas(w: ReplicaSetWriter, oldRSs: ReplicaSet[], d: Deployment, maxCleanup: number): Promise<{ rss: ReplicaSet[]; scaledDown: number }> {
  const rss = [...oldRSs].sort(byCreationTimestamp);
  let total = 0;
  for (const [i, rs] of rss.entries()) {
    if (total >= maxCleanup) break;
    const available = rs.status?.availableReplicas ?? 0;
    if (specReplicas(rs) === 0 || specReplicas(rs) === available) continue;
    const count = Math.min(maxCleanup - total, specReplicas(rs) - available);
    const result = await w.scaleAndRecordEvent(rs, specReplicas(rs) - count, d);
    total += count;
    rss[i] = result.rs;
  }
  return { rss, scaledDown: total };
}

async function scaleDownOldReplicaSets(w: ReplicaSetWriter, allRSs: ReplicaSet[], oldRSs: ReplicaSet[], d: Deployment): Promise<number> {
  const minAvailable = deploymentReplicas(d) - maxUnavailable(d);
  const available = availableReplicaCount(allRSs);
  if (available <= minAvailable) return 0;
  const toScaleDown = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreationTimestamp)) {
    if (total >= toScaleDown) break;
    if (specReplicas(rs) === 0) continue;
    const count = Math.min(specReplicas(rs), toScaleDown - total);
    await w.scaleAndRecordEvent(rs, specReplicas(rs) - count, d);
    total += count;
  }
  return total;
}

/** Pods by the UID of the ReplicaSet controlling them (getPodMapForDeployment). */
export type PodMap = ReadonlyMap<string, readonly Pod[]>;

/** oldPodsRunning: old ReplicaSets still report pods, or some old pod is not yet terminal. */
function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[], podMap: PodMap): boolean {
  if (actualReplicaCount(oldRSs) > 0) return true;
  for (const [uid, pods] of podMap) {
    if (newRS && newRS.metadata?.uid === uid) continue;
    if (pods.some((pod) => pod.status?.phase !== 'Failed' && pod.status?.phase !== 'Succeeded')) return true;
  }
  return false;
}

export async function rolloutRecreate(w: ReplicaSetWriter, d: Deployment, rsList: readonly ReplicaSet[], podMap: PodMap): Promise<Requeue> {
  // No new ReplicaSet yet: creating it now would scale up before the old ones are down.
  let { newRS, oldRSs } = await w.replicaSetsAndSyncRevision(d, rsList, false);
  let allRSs = [...oldRSs, newRS];
  let scaledDown = false;
  for (const rs of filterActive(oldRSs)) {
    if ((await w.scaleAndRecordEvent(rs, 0, d)).scaled) scaledDown = true;
  }
  if (scaledDown) return w.syncRolloutStatus(allRSs, newRS, d);
  if (oldPodsRunning(newRS, oldRSs, podMap)) return w.syncRolloutStatus(allRSs, newRS, d);
  if (!newRS) {
    ({ newRS, oldRSs } = await w.replicaSetsAndSyncRevision(d, rsList, true));
    allRSs = [...oldRSs, newRS];
  }
  await w.scaleAndRecordEvent(newRS!, deploymentReplicas(d), d);
  if (deploymentComplete(d, d.status ?? {})) await w.cleanup(oldRSs, d);
  return w.syncRolloutStatus(allRSs, newRS, d);
}
