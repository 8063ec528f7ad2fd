// Kubernetes' PodControllerRefManager.ClaimPods (pkg/controller/controller_ref_manager.go): of the
// pods in a controller's namespace, keep those it controls and still selects, adopt orphans it
// selects (patching in its controller reference) and release those it controls but no longer
// selects (patching the reference out). Pods controlled by someone else are never touched.
import { ApiError, defaultCatalog, resourcePath } from '@kctl/shared';
import type { ApiClient, KubernetesObject, LabelSelector, Pod } from '@kctl/shared';
import { controllerOf, controllerRefOf } from './owner-reference.js';
import type { ControllerObject } from './owner-reference.js';

export interface ClaimPodsOptions {
  /** more conditions a pod must meet to be claimed (upstream's filters) */
  filter?: (pod: Pod) => boolean;
  /**
   * Rejects when the controller must not adopt (it was deleted or replaced since the cache saw it).
   * Called at most once, before the first adoption. Default: re-read the owner from the API.
   */
  canAdopt?: () => Promise<void>;
}

const STRATEGIC_MERGE = 'application/strategic-merge-patch+json';

/** RecheckDeletionTimestamp: a fresh (uncached) read, since adopting for a dying owner would leak pods to the GC. */
export function recheckDeletionTimestamp(client: ApiClient, owner: ControllerObject): () => Promise<void> {
  return async () => {
    const meta = owner.metadata ?? {};
    const type = defaultCatalog.byKind(owner.apiVersion ?? '', owner.kind ?? '');
    if (!type) throw new Error(`cannot re-read ${owner.kind ?? 'owner'} ${meta.namespace ?? ''}/${meta.name ?? ''}: unknown kind`);
    const fresh = await client.get<KubernetesObject>(resourcePath(type, meta.namespace, meta.name));
    if (fresh.metadata?.uid !== meta.uid) {
      throw new Error(`original ${meta.namespace ?? ''}/${meta.name ?? ''} is gone: got uid ${fresh.metadata?.uid ?? ''}, wanted ${meta.uid ?? ''}`);
    }
    if (fresh.metadata?.deletionTimestamp) {
      throw new Error(`${meta.namespace ?? ''}/${meta.name ?? ''} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
    }
  };
}

function podPath(pod: Pod): string {
  return `/api/v1/namespaces/${encodeURIComponent(pod.metadata?.namespace ?? '')}/pods/${encodeURIComponent(pod.metadata?.name ?? '')}`;
}

/** The pod is gone, or (upstream's Invalid) no longer carries the reference: nothing to release or adopt. */
const isGoneOrInvalid = (err: unknown) => err instanceof ApiError && (err.code === 404 || err.code === 422);

/**
 * Returns the pods the controller owns after claiming, in input order. Adoption and release
 * happen through patches; errors are collected and thrown together after every pod was tried,
 * as upstream's aggregate, so one bad pod does not stop the others.
 */
export async function claimPods(
  client: ApiClient,
  owner: ControllerObject,
  selector: LabelSelector,
  pods: readonly Pod[],
  opts: ClaimPodsOptions = {},
): Promise<Pod[]> {
  const ownerMeta = owner.metadata ?? {};
  const ownerDeleting = !!ownerMeta.deletionTimestamp;
  const match = (pod: Pod) => selector.matches(pod.metadata?.labels) && (opts.filter?.(pod) ?? true);
  let adoptable: Promise<void> | undefined;
  const canAdopt = () => (adoptable ??= (opts.canAdopt ?? recheckDeletionTimestamp(client, owner))());

  // ClaimObject's decision, made synchronously: a sync runs on every pod event, so this loop is
  // hot, and only the few pods to adopt or release need a write.
  const decide = (pod: Pod): 'keep' | 'ignore' | 'adopt' | 'release' => {
    const ref = controllerOf(pod);
    if (ref) {
      if (ref.uid !== ownerMeta.uid) return 'ignore';
      if (match(pod)) return 'keep';
      // Ours but no longer selected: release it, unless we are being deleted (the GC takes it).
      return ownerDeleting ? 'ignore' : 'release';
    }
    // An orphan: adopt it if selected, we are alive, it is not terminating and it is in our namespace.
    if (ownerDeleting || !match(pod) || pod.metadata?.deletionTimestamp) return 'ignore';
    if (ownerMeta.namespace && ownerMeta.namespace !== pod.metadata?.namespace) return 'ignore';
    return 'adopt';
  };

  const release = async (pod: Pod): Promise<undefined> => {
    try {
      const patch = { metadata: { ownerReferences: [{ $patch: 'delete', uid: ownerMeta.uid }], uid: pod.metadata?.uid } };
      await client.patch(podPath(pod), patch, STRATEGIC_MERGE);
    } catch (err) {
      if (!isGoneOrInvalid(err)) throw err;
    }
    return undefined;
  };

  const adopt = async (pod: Pod): Promise<Pod | undefined> => {
    await canAdopt();
    try {
      const patch = { metadata: { ownerReferences: [controllerRefOf(owner)], uid: pod.metadata?.uid } };
      return await client.patch<Pod>(podPath(pod), patch, STRATEGIC_MERGE);
    } catch (err) {
      if (isGoneOrInvalid(err)) return undefined;
      throw err;
    }
  };

  const decisions = pods.map(decide);
  if (decisions.every((d) => d === 'keep' || d === 'ignore')) return pods.filter((_, i) => decisions[i] === 'keep');
  const results = await Promise.allSettled(
    pods.map((pod, i) => {
      const decision = decisions[i];
      return decision === 'adopt' ? adopt(pod) : decision === 'release' ? release(pod) : Promise.resolve(decision === 'keep' ? pod : undefined);
    }),
  );
  const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, `[${errors.map((e) => (e as Error).message).join(', ')}]`);
  return results.flatMap((r) => (r.status === 'fulfilled' && r.value ? [r.value] : []));
}
