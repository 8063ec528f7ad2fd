// Sums, orders and filters over a Deployment's ReplicaSets (deploymentutil and controller_utils:
// GetReplicaCountForReplicaSets, ReplicaSetsByCreationTimestamp, FilterActiveReplicaSets,
// FindNewReplicaSet, FindOldReplicaSets, FindActiveOrLatest).
import type { Deployment, ReplicaSet } from '@kctl/shared';
import { equalIgnoreHash } from './template-equality.js';

/** *(rs.Spec.Replicas): the API server defaults it, so a missing value only appears in tests. */
export const specReplicas = (rs: ReplicaSet): number => rs.spec?.replicas ?? 0;
export const deploymentReplicas = (d: Deployment): number => d.spec?.replicas ?? 0;

const sum = (rss: ReadonlyArray<ReplicaSet | undefined>, of: (rs: ReplicaSet) => number | undefined) =>
  rss.reduce((total, rs) => total + (rs ? (of(rs) ?? 0) : 0), 0);

/** Replicas the ReplicaSets are asked for (spec). */
export const replicaCount = (rss: ReadonlyArray<ReplicaSet | undefined>) => sum(rss, specReplicas);
/** Pods the ReplicaSets actually have (status). */
export const actualReplicaCount = (rss: ReadonlyArray<ReplicaSet | undefined>) => sum(rss, (rs) => rs.status?.replicas);
export const readyReplicaCount = (rss: ReadonlyArray<ReplicaSet | undefined>) => sum(rss, (rs) => rs.status?.readyReplicas);
export const availableReplicaCount = (rss: ReadonlyArray<ReplicaSet | undefined>) => sum(rss, (rs) => rs.status?.availableReplicas);

const created = (rs: ReplicaSet) => Date.parse(rs.metadata?.creationTimestamp ?? '') || 0;

/** ReplicaSetsByCreationTimestamp: oldest first, ties broken by name. */
export function byCreationTimestamp(a: ReplicaSet, b: ReplicaSet): number {
  const diff = created(a) - created(b);
  if (diff !== 0) return diff;
  const an = a.metadata?.name ?? '';
  const bn = b.metadata?.name ?? '';
  return an < bn ? -1 : an > bn ? 1 : 0;
}

/** ReplicaSetsBySizeNewer: largest first; among equals the newer first (scaling up). */
export const bySizeNewer = (a: ReplicaSet, b: ReplicaSet): number => specReplicas(b) - specReplicas(a) || byCreationTimestamp(b, a);
/** ReplicaSetsBySizeOlder: largest first; among equals the older first (scaling down). */
export const bySizeOlder = (a: ReplicaSet, b: ReplicaSet): number => specReplicas(b) - specReplicas(a) || byCreationTimestamp(a, b);

export function filterActive(rss: ReadonlyArray<ReplicaSet | undefined>): ReplicaSet[] {
  return rss.filter((rs): rs is ReplicaSet => rs !== undefined && specReplicas(rs) > 0);
}

/** The ReplicaSet whose template is the Deployment's; the oldest wins if several match (kubernetes#40415). */
export function findNewReplicaSet(d: Deployment, rsList: readonly ReplicaSet[]): ReplicaSet | undefined {
  return [...rsList].sort(byCreationTimestamp).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** Every ReplicaSet but the new one. */
export function findOldReplicaSets(d: Deployment, rsList: readonly ReplicaSet[]): ReplicaSet[] {
  const newRS = findNewReplicaSet(d, rsList);
  return rsList.filter((rs) => !newRS || rs.metadata?.uid !== newRS.metadata?.uid);
}

/**
 * The one ReplicaSet that should take the whole scale: the only active one, or with none active
 * the new one (or else the newest old one). Undefined when several are active.
 */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreationTimestamp(b, a));
  const active = filterActive([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}
