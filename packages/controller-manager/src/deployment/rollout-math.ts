// The numbers of a rollout (deploymentutil): maxSurge / maxUnavailable resolved against the
// desired replicas (surge rounds up, unavailable down, and never both zero), how far the new
// ReplicaSet may grow, and each ReplicaSet's share when a Deployment is scaled mid-rollout.
import type { Deployment, ReplicaSet } from '@kctl/shared';
import { desiredReplicasAnnotation, maxReplicasAnnotation } from './annotations.js';
import { deploymentReplicas, replicaCount, specReplicas } from './replica-set-lists.js';

type IntOrString = number | string;

/** intstr.GetScaledValueFromIntOrPercent: a number as is, "N%" of total rounded up or down. */
export function scaledValue(value: IntOrString, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const match = /^(-?\d+)%$/.exec(value);
  if (!match) {
    // A bare numeric string is rejected upstream as well ("invalid value for IntOrString").
    throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage`);
  }
  const scaled = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

export const isRollingUpdate = (d: Deployment): boolean => d.spec?.strategy?.type === 'RollingUpdate';

/**
 * ResolveFenceposts: both limits as replica counts. Validation forbids 0/0, but rounding
 * unavailable down can still reach it; then one pod may be unavailable, since surging may be
 * impossible (quota).
 */
export function resolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, desired: number): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

function fenceposts(d: Deployment): { surge: number; unavailable: number } {
  const rolling = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts(rolling?.maxSurge, rolling?.maxUnavailable, deploymentReplicas(d));
}

export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? fenceposts(d).surge : 0;
}

export function maxUnavailable(d: Deployment): number {
  const desired = deploymentReplicas(d);
  if (!isRollingUpdate(d) || desired === 0) return 0;
  return Math.min(fenceposts(d).unavailable, desired);
}

/** NewRSNewReplicas: how big the new ReplicaSet may be now without exceeding replicas + maxSurge. */
export function newRSNewReplicas(d: Deployment, allRSs: ReadonlyArray<ReplicaSet | undefined>, newRS: ReplicaSet): number {
  const desired = deploymentReplicas(d);
  if (d.spec?.strategy?.type === 'Recreate') return desired;
  if (!isRollingUpdate(d)) throw new Error(`deployment type ${d.spec?.strategy?.type ?? ''} isn't supported`);
  const surge = scaledValue(d.spec?.strategy?.rollingUpdate?.maxSurge ?? 0, desired, true);
  const current = replicaCount(allRSs);
  const maxTotal = desired + surge;
  if (current >= maxTotal) return specReplicas(newRS);
  const scaleUp = Math.min(maxTotal - current, desired - specReplicas(newRS));
  return specReplicas(newRS) + scaleUp;
}

/** IsSaturated: the new ReplicaSet has every replica the Deployment wants, all available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = desiredReplicasAnnotation(rs);
  if (desired === undefined) return false;
  const want = deploymentReplicas(d);
  return specReplicas(rs) === want && desired === want && (rs.status?.availableReplicas ?? 0) === want;
}

/** integer.RoundToInt32: half away from zero, then truncated. */
const roundToInt = (x: number) => Math.trunc(x < 0 ? x - 0.5 : x + 0.5);

function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  const desired = deploymentReplicas(d);
  // Scaling to zero: the whole ReplicaSet goes.
  if (desired === 0) return -specReplicas(rs);
  const deploymentMax = desired + maxSurge(d);
  // Without the annotation fall back to the Deployment's current size; the min/max clamps in
  // replicaSetProportion keep the result within bounds even when that estimate is off.
  const annotated = maxReplicasAnnotation(rs) ?? d.status?.replicas ?? 0;
  // Never proportionally scale from zero (upstream's division would yield infinity).
  if (annotated === 0) return 0;
  const newSize = (specReplicas(rs) * deploymentMax) / annotated;
  return roundToInt(newSize) - specReplicas(rs);
}

/** GetReplicaSetProportion: this ReplicaSet's share of `toAdd` (negative when scaling down). */
export function replicaSetProportion(rs: ReplicaSet | undefined, d: Deployment, toAdd: number, added: number): number {
  if (!rs || specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}
