// PUT /api/v1/namespaces/NAME/finalize: the only way to change a namespace's spec.finalizers.
// The namespace controller removes its `kubernetes` finalizer here once everything inside is
// deleted; a terminating namespace with no finalizers left goes in the same write, as
// Kubernetes' ShouldDeleteNamespaceDuringUpdate has it.
import { errors } from '@kctl/shared';
import type { KubernetesObject, ResourceType } from '@kctl/shared';
import type { StoredValue } from '../storage/object-store.js';
import type { RegistryContext } from './registry-context.js';
import { deepEqual, fromStored, parseResourceVersion, toStorable } from './object-meta.js';
import { translateStoreError } from './store-errors.js';

export async function finalizeNamespace(
  ctx: RegistryContext,
  type: ResourceType,
  stored: StoredValue,
  body: KubernetesObject,
  dryRun: boolean,
): Promise<KubernetesObject> {
  const old = stored.value as KubernetesObject;
  const name = old.metadata?.name ?? '';
  if (body.metadata?.name !== undefined && body.metadata.name !== name) {
    throw errors.badRequest(`the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`);
  }
  const requested = parseResourceVersion(body.metadata?.resourceVersion);
  if (requested !== undefined && Number.isNaN(requested)) throw errors.badRequest('metadata.resourceVersion: Invalid value: must be a number');
  const finalizers = (body.spec as { finalizers?: unknown } | undefined)?.finalizers;
  // Everything but spec.finalizers stays as stored (finalizeStrategy keeps the rest).
  const obj = structuredClone(old);
  const spec = { ...(obj.spec as Record<string, unknown> | undefined) };
  if (Array.isArray(finalizers) && finalizers.length > 0) spec.finalizers = finalizers.map(String);
  else delete spec.finalizers;
  obj.spec = spec;
  const fieldErrors = ctx.strategyFor(type).validate?.(obj) ?? [];
  if (fieldErrors.length > 0) throw errors.invalid(type.kind, name, fieldErrors);
  const meta = obj.metadata ?? {};
  const expected = requested ?? stored.modRevision;
  try {
    if (meta.deletionTimestamp && !spec.finalizers && (meta.finalizers?.length ?? 0) === 0) {
      if (dryRun) return ctx.toExternal(type, fromStored(stored));
      return ctx.toExternal(type, fromStored(await ctx.store.delete(stored.key, expected)));
    }
    if (dryRun || deepEqual(toStorable(obj), stored.value)) {
      if (expected !== stored.modRevision) throw errors.conflict({ resource: type.resource, group: type.group, name });
      return ctx.toExternal(type, fromStored(stored));
    }
    return ctx.toExternal(type, fromStored(await ctx.store.update(stored.key, toStorable(obj), expected)));
  } catch (err) {
    throw translateStoreError(err, type, name);
  }
}
