// DELETE as Kubernetes' generic registry does it: a pod that is bound and not finished is only
// marked (deletionTimestamp + grace period) for its kubelet to stop; the propagation policy
// becomes the `orphan` or `foregroundDeletion` finalizer for the garbage collector; finalizers
// hold any object; everything else goes at once. Namespaces always pass through Terminating and
// wait for their spec.finalizers (the namespace controller's `kubernetes`).
import { errors, fieldErrors } from '@kctl/shared';
import type { FieldError, KubernetesObject, ResourceType } from '@kctl/shared';
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

export const ORPHAN_FINALIZER = 'orphan';
export const FOREGROUND_FINALIZER = 'foregroundDeletion';
const POLICIES = ['Foreground', 'Background', 'Orphan'];

interface PodLike {
  spec?: { nodeName?: string; terminationGracePeriodSeconds?: number };
  status?: { phase?: string };
}

const isNamespace = (type: ResourceType) => type.group === '' && type.resource === 'namespaces';

/** A namespace is held while its spec.finalizers (the namespace controller's work) remain. */
export function hasSpecFinalizers(obj: KubernetesObject): boolean {
  const finalizers = (obj.spec as { finalizers?: unknown } | undefined)?.finalizers;
  return Array.isArray(finalizers) && finalizers.length > 0;
}

/** ValidateDeleteOptions: the answer is 422 on the DeleteOptions kind. */
function validateDeleteOptions(opts: DeleteOptions): void {
  const errs: FieldError[] = [];
  if (opts.orphanDependents !== undefined && opts.propagationPolicy !== undefined) {
    errs.push(fieldErrors.invalid('propagationPolicy', opts.propagationPolicy, 'orphanDependents and deletionPropagation cannot be both set'));
  }
  if (opts.propagationPolicy !== undefined && !POLICIES.includes(opts.propagationPolicy)) {
    errs.push(fieldErrors.notSupported('propagationPolicy', opts.propagationPolicy, [...POLICIES, 'nil']));
  }
  if (errs.length > 0) throw errors.invalid('DeleteOptions', '', errs, 'meta.k8s.io');
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

// shouldOrphanDependents / shouldDeleteDependents of the generic registry: an explicit option
// wins, then a finalizer already on the object, then the kind's default (Background for every
// kind served here).
function shouldOrphan(finalizers: string[], opts: DeleteOptions): boolean {
  if (opts.orphanDependents !== undefined) return opts.orphanDependents;
  if (opts.propagationPolicy !== undefined) return opts.propagationPolicy === 'Orphan';
  return finalizers.includes(ORPHAN_FINALIZER) && !finalizers.includes(FOREGROUND_FINALIZER);
}

function shouldDeleteInForeground(finalizers: string[], opts: DeleteOptions): boolean {
  if (opts.orphanDependents !== undefined) return false;
  if (opts.propagationPolicy !== undefined) return opts.propagationPolicy === 'Foreground';
  return finalizers.includes(FOREGROUND_FINALIZER);
}

/** The object's finalizers with the garbage collector's one replaced as the options ask. */
export function finalizersForDeletion(current: string[], opts: DeleteOptions): string[] {
  const kept = current.filter((f) => f !== ORPHAN_FINALIZER && f !== FOREGROUND_FINALIZER);
  if (shouldOrphan(current, opts)) kept.push(ORPHAN_FINALIZER);
  if (shouldDeleteInForeground(current, opts)) kept.push(FOREGROUND_FINALIZER);
  return kept;
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
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
  validateDeleteOptions(opts);
  const stored = await getStored(ctx, type, namespace, name);
  checkPreconditions(type, stored, opts);
  const obj = structuredClone(stored.value) as KubernetesObject;
  const meta = (obj.metadata ??= {});
  const unchanged = (): DeleteResult => ({ object: ctx.toExternal(type, fromStored(stored)), removed: false });
  const now = ctx.clock().getTime();

  if (isNamespace(type)) {
    // The first request starts termination; later ones only finish it once spec.finalizers is empty.
    if (!meta.deletionTimestamp) {
      // Like Kubernetes' namespace storage: a timestamp, no grace period.
      meta.deletionTimestamp = timestamp(new Date(now));
      obj.status = { ...(obj.status as object), phase: 'Terminating' };
      meta.finalizers = finalizersForDeletion(meta.finalizers ?? [], opts);
      if (meta.finalizers.length === 0) delete meta.finalizers;
      return write(ctx, type, stored, obj, opts);
    }
    if (hasSpecFinalizers(obj)) return unchanged();
  }

  const pendingGrace = meta.deletionTimestamp !== undefined ? (meta.deletionGracePeriodSeconds ?? 0) : 0;
  if (pendingGrace > 0) {
    // A graceful deletion is under way: only a shorter grace period changes anything, and
    // finalizers can no longer be changed through DeleteOptions.
    const grace = gracePeriod(type, obj, opts);
    if (grace >= pendingGrace) return unchanged();
    if (grace === 0 && (meta.finalizers?.length ?? 0) === 0) return remove(ctx, type, stored, opts);
    meta.deletionTimestamp = timestamp(new Date(now + grace * 1000));
    meta.deletionGracePeriodSeconds = grace;
    return write(ctx, type, stored, obj, opts);
  }

  const finalizers = finalizersForDeletion(meta.finalizers ?? [], opts);
  const finalizersChanged = !sameSet(finalizers, meta.finalizers ?? []);
  if (finalizersChanged) meta.finalizers = finalizers;
  // An object already marked (with grace 0) is not graceful any more.
  const grace = meta.deletionTimestamp !== undefined ? 0 : gracePeriod(type, obj, opts);
  if (grace > 0) {
    meta.deletionTimestamp = timestamp(new Date(now + grace * 1000));
    meta.deletionGracePeriodSeconds = grace;
    return write(ctx, type, stored, obj, opts);
  }
  if (finalizers.length > 0) {
    if (meta.deletionTimestamp !== undefined && !finalizersChanged) return unchanged();
    meta.deletionTimestamp ??= timestamp(new Date(now));
    meta.deletionGracePeriodSeconds = 0;
    return write(ctx, type, stored, obj, opts);
  }
  return remove(ctx, type, stored, opts);
}

async function remove(ctx: RegistryContext, type: ResourceType, stored: StoredValue, opts: DeleteOptions): Promise<DeleteResult> {
  if (opts.dryRun) return { object: ctx.toExternal(type, fromStored(stored)), removed: true };
  try {
    const deleted = await ctx.store.delete(stored.key, stored.modRevision);
    return { object: ctx.toExternal(type, fromStored(deleted)), removed: true };
  } catch (err) {
    throw translateStoreError(err, type, (stored.value as KubernetesObject).metadata?.name ?? '');
  }
}

async function write(ctx: RegistryContext, type: ResourceType, stored: StoredValue, obj: KubernetesObject, opts: DeleteOptions): Promise<DeleteResult> {
  if (opts.dryRun) {
    return { object: ctx.toExternal(type, { ...obj, metadata: { ...obj.metadata, resourceVersion: String(stored.modRevision) } }), removed: false };
  }
  try {
    const updated = await ctx.store.update(stored.key, toStorable(obj), stored.modRevision);
    return { object: ctx.toExternal(type, fromStored(updated)), removed: false };
  } catch (err) {
    throw translateStoreError(err, type, obj.metadata?.name ?? '');
  }
}
