// DELETE as Kubernetes does it: a pod that is bound and not finished is only marked
// (deletionTimestamp + grace period) for its kubelet to stop; finalizers hold any object;
// everything else goes at once.
import { errors } from '@kctl/shared';
import type { KubernetesObject, ResourceType } from '@kctl/shared';
import type { StoredValue } from '../storage/object-store.js';
import type { RegistryContext } from './registry-context.js';
import { fromStored, timestamp, toStorable } from './object-meta.js';
import type { DeleteOptions } from './request-options.js';
import { getStored } from './object-reads.js';
import { translateStoreError } from './store-errors.js';

export interface DeleteResult {
  object: KubernetesObject;
  /** false when the object was only marked for deletion */
  removed: boolean;
}

interface PodLike {
  spec?: { nodeName?: string; terminationGracePeriodSeconds?: number };
  status?: { phase?: string };
}

/** The grace period this deletion gets; 0 means remove now. */
function gracePeriod(type: ResourceType, obj: KubernetesObject, opts: DeleteOptions): number {
  if (type.group !== '' || type.resource !== 'pods') return 0;
  const pod = obj as PodLike;
  const phase = pod.status?.phase;
  // Nothing runs it yet, or it already ended: there is nothing for a kubelet to stop.
  if (!pod.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
  const requested = opts.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
  return Math.max(0, requested);
}

function checkPreconditions(type: ResourceType, stored: StoredValue, opts: DeleteOptions): void {
  const meta = (stored.value as KubernetesObject).metadata ?? {};
  const target = { resource: type.resource, group: type.group, name: meta.name ?? '' };
  const uid = opts.preconditions?.uid;
  if (uid && uid !== meta.uid) {
    throw errors.conflict(target, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${meta.uid}`);
  }
  const rv = opts.preconditions?.resourceVersion;
  if (rv && rv !== String(stored.modRevision)) {
    throw errors.conflict(target, `Precondition failed: ResourceVersion in precondition: ${rv}, ResourceVersion in object meta: ${stored.modRevision}`);
  }
}

export async function deleteObject(
  ctx: RegistryContext,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
  opts: DeleteOptions,
): Promise<DeleteResult> {
  const stored = await getStored(ctx, type, namespace, name);
  checkPreconditions(type, stored, opts);
  const obj = structuredClone(stored.value) as KubernetesObject;
  const meta = obj.metadata ?? {};
  const hasFinalizers = (meta.finalizers?.length ?? 0) > 0;
  const isNamespace = type.group === '' && type.resource === 'namespaces';
  const grace = gracePeriod(type, obj, opts);
  // Namespaces always pass through Terminating: their contents are deleted first.
  const mustWait = grace > 0 || hasFinalizers || isNamespace;
  if (meta.deletionTimestamp !== undefined) {
    const shortened = grace < (meta.deletionGracePeriodSeconds ?? 0);
    if (mustWait && !shortened) return { object: ctx.toExternal(type, fromStored(stored)), removed: false };
    if (mustWait) return markForDeletion(ctx, type, stored, obj, grace, opts);
  } else if (mustWait) {
    return markForDeletion(ctx, type, stored, obj, grace, opts);
  }
  if (opts.dryRun) return { object: ctx.toExternal(type, fromStored(stored)), removed: true };
  try {
    const deleted = await ctx.store.delete(stored.key, stored.modRevision);
    return { object: ctx.toExternal(type, fromStored(deleted)), removed: true };
  } catch (err) {
    throw translateStoreError(err, type, name);
  }
}

async function markForDeletion(
  ctx: RegistryContext,
  type: ResourceType,
  stored: StoredValue,
  obj: KubernetesObject,
  grace: number,
  opts: DeleteOptions,
): Promise<DeleteResult> {
  const meta = obj.metadata ?? {};
  meta.deletionTimestamp = timestamp(new Date(ctx.clock().getTime() + grace * 1000));
  meta.deletionGracePeriodSeconds = grace;
  if (type.group === '' && type.resource === 'namespaces') obj.status = { ...(obj.status as object), phase: 'Terminating' };
  if (opts.dryRun) {
    return { object: ctx.toExternal(type, { ...obj, metadata: { ...meta, resourceVersion: String(stored.modRevision) } }), removed: false };
  }
  try {
    const updated = await ctx.store.update(stored.key, toStorable(obj), stored.modRevision);
    return { object: ctx.toExternal(type, fromStored(updated)), removed: false };
  } catch (err) {
    throw translateStoreError(err, type, meta.name ?? '');
  }
}
