// Create and update: the metadata the server owns, defaults, validation, generation, and the
// atomic store write. Shared by POST, PUT, every PATCH type and the subresources.
import { errors, recordUpdateManagedFields } from '@kctl/shared';
import type { KubernetesObject, ResourceType } from '@kctl/shared';
import { KeyExistsError } from '../storage/object-store.js';
import type { StoredValue } from '../storage/object-store.js';
import type { RegistryContext } from './registry-context.js';
import { deepEqual, fromStored, generateName, metadataOf, newUid, specChanged, timestamp, toStorable } from './object-meta.js';
import { objectKey } from './request-target.js';
import { translateStoreError } from './store-errors.js';
import type { WriteOptions } from './request-options.js';
import { assertNamespaceAcceptsObjects } from './namespace-lifecycle.js';
import { hasSpecFinalizers } from './object-deletion.js';

const GENERATE_NAME_ATTEMPTS = 8;

function assertKind(type: ResourceType, obj: KubernetesObject): void {
  const apiVersion = type.group ? `${type.group}/${type.version}` : type.version;
  if (obj.kind !== undefined && obj.kind !== type.kind) {
    throw errors.badRequest(`the kind in the data (${String(obj.kind)}) does not match the expected kind (${type.kind})`);
  }
  if (obj.apiVersion !== undefined && obj.apiVersion !== apiVersion) {
    throw errors.badRequest(`the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${apiVersion})`);
  }
}

function validationFailure(type: ResourceType, obj: KubernetesObject, fieldErrors: ReturnType<NonNullable<ReturnType<RegistryContext['strategyFor']>['validate']>>) {
  const name = obj.metadata?.name || obj.metadata?.generateName || '';
  return errors.invalid(type.kind, name, fieldErrors, type.group || undefined);
}

export async function createObject(
  ctx: RegistryContext,
  type: ResourceType,
  namespace: string | undefined,
  body: KubernetesObject,
  opts: WriteOptions,
): Promise<KubernetesObject> {
  assertKind(type, body);
  const useGenerateName = !body.metadata?.name && !!body.metadata?.generateName;
  for (let attempt = 0; ; attempt++) {
    const obj = prepareCreate(ctx, type, namespace, body);
    const meta = metadataOf(obj);
    if (type.namespaced) await assertNamespaceAcceptsObjects(ctx, meta.namespace ?? '');
    try {
      return await withServiceAllocation(ctx, type, obj, async () => {
        const recorded = trackManagedFields(ctx, undefined, obj, opts);
        if (opts.dryRun) return ctx.toExternal(type, { ...recorded, metadata: { ...recorded.metadata } });
        const stored = await ctx.store.create(objectKey(type, meta.namespace, meta.name ?? ''), toStorable(recorded));
        return ctx.toExternal(type, fromStored(stored));
      });
    } catch (err) {
      // A generated name that is taken: Kubernetes retries with a fresh one.
      if (err instanceof KeyExistsError && useGenerateName && attempt < GENERATE_NAME_ATTEMPTS) continue;
      throw translateStoreError(err, type, meta.name ?? '');
    }
  }
}

/**
 * Services get their ClusterIP and NodePorts between validation and the write, under the
 * allocator's lock, so two Services created at once never get the same address or port.
 */
function withServiceAllocation<T>(ctx: RegistryContext, type: ResourceType, obj: KubernetesObject, write: () => Promise<T>): Promise<T> {
  const allocator = ctx.services;
  if (!allocator || type.group !== '' || type.resource !== 'services') return write();
  return allocator.exclusive(async () => {
    const fieldErrors = await allocator.allocate(obj);
    if (fieldErrors.length > 0) throw validationFailure(type, obj, fieldErrors);
    return write();
  });
}

/** The object a create will store: server metadata, a generated name, defaults, validation. */
function prepareCreate(ctx: RegistryContext, type: ResourceType, namespace: string | undefined, body: KubernetesObject): KubernetesObject {
  const internalType = ctx.catalog.byPath(type.storedAs?.group ?? type.group, type.storedAs?.version ?? type.version, type.storedAs?.resource ?? type.resource) ?? type;
  const obj = ctx.toInternal(type, structuredClone(body));
  const meta = metadataOf(obj);
  if (type.namespaced) {
    if (meta.namespace && namespace && meta.namespace !== namespace) {
      throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    meta.namespace = namespace ?? meta.namespace;
    if (!meta.namespace) throw errors.badRequest('the namespace of the object must be set');
  } else {
    delete meta.namespace;
  }
  obj.apiVersion = internalType.group ? `${internalType.group}/${internalType.version}` : internalType.version;
  obj.kind = internalType.kind;
  // The name comes first: strategies derive labels from it (Job's job-name, a namespace's
  // kubernetes.io/metadata.name).
  if (!meta.name && meta.generateName) meta.name = generateName(meta.generateName);
  meta.uid = newUid();
  meta.creationTimestamp = timestamp(ctx.clock());
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  const strategy = ctx.strategyFor(internalType);
  if (strategy.tracksGeneration) meta.generation = 1;
  else delete meta.generation;
  strategy.defaults?.(obj);
  strategy.prepareForCreate?.(obj);
  const fieldErrors = strategy.validate?.(obj) ?? [];
  if (fieldErrors.length > 0) throw validationFailure(type, obj, fieldErrors);
  return obj;
}

export type UpdateMode = 'main' | 'status';

/**
 * Writes `updated` over `current` (the stored value it was derived from). The caller decides the
 * precondition: `expectedRevision` is current's modRevision unless the client named another.
 */
export async function writeUpdate(
  ctx: RegistryContext,
  type: ResourceType,
  current: StoredValue,
  updatedExternal: KubernetesObject,
  mode: UpdateMode,
  opts: WriteOptions & { expectedRevision: number },
): Promise<KubernetesObject> {
  const old = current.value as KubernetesObject;
  const oldMeta = old.metadata ?? {};
  const obj = ctx.toInternal(type, structuredClone(updatedExternal));
  const meta = metadataOf(obj);
  if (meta.name !== undefined && meta.name !== oldMeta.name) {
    throw errors.badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${oldMeta.name})`);
  }
  if (type.namespaced && meta.namespace && meta.namespace !== oldMeta.namespace) {
    throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  obj.apiVersion = old.apiVersion;
  obj.kind = old.kind;
  // Fields only the server sets survive any client write.
  meta.name = oldMeta.name;
  if (oldMeta.namespace) meta.namespace = oldMeta.namespace;
  meta.uid = oldMeta.uid;
  meta.creationTimestamp = oldMeta.creationTimestamp;
  if (oldMeta.deletionTimestamp) meta.deletionTimestamp = oldMeta.deletionTimestamp;
  else delete meta.deletionTimestamp;
  if (oldMeta.deletionGracePeriodSeconds !== undefined) meta.deletionGracePeriodSeconds = oldMeta.deletionGracePeriodSeconds;
  else delete meta.deletionGracePeriodSeconds;
  delete meta.resourceVersion;

  const strategy = ctx.strategyFor(ctx.catalog.byKind(String(old.apiVersion), String(old.kind)) ?? type);
  const hasStatus = type.subresources.includes('status');
  if (mode === 'status') {
    if (strategy.prepareForStatusUpdate) strategy.prepareForStatusUpdate(obj, old);
    else {
      const status = obj.status;
      Object.assign(obj, structuredClone({ ...old, metadata: obj.metadata }));
      obj.status = status;
    }
  } else {
    strategy.defaults?.(obj);
    if (strategy.prepareForUpdate) strategy.prepareForUpdate(obj, old);
    else if (hasStatus) obj.status = structuredClone(old.status);
  }
  if (strategy.tracksGeneration) {
    const generation = oldMeta.generation ?? 1;
    meta.generation = specChanged(old, obj) ? generation + 1 : generation;
  }
  const fieldErrors = [...(strategy.validate?.(obj) ?? []), ...(strategy.validateUpdate?.(obj, old) ?? [])];
  if (fieldErrors.length > 0) throw validationFailure(type, obj, fieldErrors);
  if (meta.deletionTimestamp && (meta.finalizers?.length ?? 0) === 0 && (meta.deletionGracePeriodSeconds ?? 0) === 0 && !hasSpecFinalizers(obj)) {
    // The last finalizer is gone from an object already marked for deletion: it goes now
    // (a namespace also waits for its spec.finalizers, which only the finalize subresource clears).
    if (opts.dryRun) return ctx.toExternal(type, { ...obj, metadata: { ...meta } });
    const deleted = await ctx.store.delete(current.key, opts.expectedRevision).catch((err) => {
      throw translateStoreError(err, type, meta.name ?? '');
    });
    return ctx.toExternal(type, fromStored(deleted));
  }
  return withServiceAllocation(ctx, type, obj, async () => {
    const storable = toStorable(trackManagedFields(ctx, old, obj, opts));
    if (deepEqual(storable, current.value) || opts.dryRun) {
      // Nothing changed (or a dry run): no write, no new resourceVersion, as Kubernetes does.
      return ctx.toExternal(type, opts.dryRun ? { ...obj, metadata: { ...meta, resourceVersion: String(current.modRevision) } } : fromStored(current));
    }
    try {
      const stored = await ctx.store.update(current.key, storable, opts.expectedRevision);
      return ctx.toExternal(type, fromStored(stored));
    } catch (err) {
      throw translateStoreError(err, type, meta.name ?? '');
    }
  });
}

/**
 * Ordinary writes record their manager as an "Update" owner in metadata.managedFields, so a
 * later server-side apply sees who owns which field. Server-side apply records its own entries.
 */
function trackManagedFields(ctx: RegistryContext, old: KubernetesObject | undefined, obj: KubernetesObject, opts: WriteOptions): KubernetesObject {
  if (!opts.manager) return obj;
  if (old === undefined && obj.metadata) delete obj.metadata.managedFields;
  else if (obj.metadata && old?.metadata?.managedFields) obj.metadata.managedFields = old.metadata.managedFields;
  return recordUpdateManagedFields(old, obj, opts.manager, 'Update', String(obj.apiVersion), timestamp(ctx.clock()));
}
