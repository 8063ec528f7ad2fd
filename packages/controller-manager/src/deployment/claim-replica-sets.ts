// ReplicaSetControllerRefManager.ClaimReplicaSets (pkg/controller/controller_ref_manager.go): of
// the ReplicaSets in the Deployment's namespace, keep those it controls and still selects, adopt
// orphans it selects and release those it controls but no longer selects. The same rules as
// pod-control's claimPods, for ReplicaSets.
import { ApiError, resourcePath, defaultCatalog } from '@kctl/shared';
import type { ApiClient, LabelSelector, ReplicaSet } from '@kctl/shared';
import { controllerOf, controllerRefOf, recheckDeletionTimestamp } from '../pod-control/index.js';
import type { ControllerObject } from '../pod-control/index.js';

const REPLICA_SETS = defaultCatalog.resolve('replicasets')!;
const STRATEGIC_MERGE = 'application/strategic-merge-patch+json';

const isGoneOrInvalid = (err: unknown) => err instanceof ApiError && (err.code === 404 || err.code === 422);

export async function claimReplicaSets(
  client: ApiClient,
  owner: ControllerObject,
  selector: LabelSelector,
  replicaSets: readonly ReplicaSet[],
  canAdoptCheck: () => Promise<void> = recheckDeletionTimestamp(client, owner),
): Promise<ReplicaSet[]> {
  const ownerMeta = owner.metadata ?? {};
  const ownerDeleting = !!ownerMeta.deletionTimestamp;
  let adoptable: Promise<void> | undefined;
  const canAdopt = () => (adoptable ??= canAdoptCheck());
  const path = (rs: ReplicaSet) => resourcePath(REPLICA_SETS, rs.metadata?.namespace, rs.metadata?.name);

  const claimOne = async (rs: ReplicaSet): Promise<ReplicaSet | undefined> => {
    const ref = controllerOf(rs);
    const selected = selector.matches(rs.metadata?.labels);
    if (ref) {
      if (ref.uid !== ownerMeta.uid) return undefined;
      if (selected) return rs;
      if (ownerDeleting) return undefined;
      try {
        await client.patch(path(rs), { metadata: { ownerReferences: [{ $patch: 'delete', uid: ownerMeta.uid }], uid: rs.metadata?.uid } }, STRATEGIC_MERGE);
      } catch (err) {
        if (!isGoneOrInvalid(err)) throw err;
      }
      return undefined;
    }
    if (ownerDeleting || !selected || rs.metadata?.deletionTimestamp) return undefined;
    if (ownerMeta.namespace && ownerMeta.namespace !== rs.metadata?.namespace) return undefined;
    await canAdopt();
    try {
      return await client.patch<ReplicaSet>(path(rs), { metadata: { ownerReferences: [controllerRefOf(owner)], uid: rs.metadata?.uid } }, STRATEGIC_MERGE);
    } catch (err) {
      if (isGoneOrInvalid(err)) return undefined;
      throw err;
    }
  };

  const results = await Promise.allSettled(replicaSets.map(claimOne));
  const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, `[${errors.map((e) => (e as Error).message).join(', ')}]`);
  return results.flatMap((r) => (r.status === 'fulfilled' && r.value ? [r.value] : []));
}
