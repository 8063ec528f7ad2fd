// PATCH in all four content types. The patch is applied to the served (external) form of the
// current object, then written through the same update path as PUT. Without a client-named
// resourceVersion a patch retries on a concurrent write, as the Kubernetes patcher does.
import { ApiError, applyConflictError, applyJsonPatch, applyMergePatch, applyStrategicMergePatch, errors, serverSideApply } from '@kctl/shared';
import type { KubernetesObject, ResourceType } from '@kctl/shared';
import { parse as parseYaml } from 'yaml';
import type { RegistryContext } from './registry-context.js';
import { fromStored, parseResourceVersion, timestamp } from './object-meta.js';
import { objectKey } from './request-target.js';
import { createObject, writeUpdate } from './object-writes.js';
import type { UpdateMode } from './object-writes.js';
import type { WriteOptions } from './request-options.js';
import { notFound } from './store-errors.js';

export const PATCH_CONTENT_TYPES = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

const CONFLICT_RETRIES = 5;

export interface PatchResult {
  object: KubernetesObject;
  created: boolean;
}

function decodePatch(contentType: string, body: Buffer): unknown {
  const text = body.toString('utf8');
  try {
    return contentType === PATCH_CONTENT_TYPES.apply ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    throw errors.badRequest(`error decoding patch: ${(err as Error).message}`);
  }
}

function applyPatch(contentType: string, current: KubernetesObject, patch: unknown, type: ResourceType): KubernetesObject {
  const schemaType = { group: type.group, kind: type.kind };
  let result: unknown;
  try {
    if (contentType === PATCH_CONTENT_TYPES.json) result = applyJsonPatch(current, patch);
    else if (contentType === PATCH_CONTENT_TYPES.merge) result = applyMergePatch(current, patch);
    else result = applyStrategicMergePatch(current, patch, schemaType);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    const e = err as { code?: number; reason?: string; message?: string };
    if (e.code && e.reason) throw new ApiError(e.code, e.reason as ApiError['reason'], e.message ?? 'invalid patch');
    throw errors.badRequest(e.message ?? String(err));
  }
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    throw errors.badRequest('the patch did not produce an object');
  }
  return result as KubernetesObject;
}

export async function patchObject(
  ctx: RegistryContext,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
  contentType: string,
  body: Buffer,
  mode: UpdateMode,
  opts: WriteOptions,
  /** maps the stored object to the patched view and back, for /scale */
  view?: { toView(obj: KubernetesObject): KubernetesObject; fromView(view: KubernetesObject, obj: KubernetesObject): KubernetesObject },
): Promise<PatchResult> {
  const patch = decodePatch(contentType, body);
  if (contentType === PATCH_CONTENT_TYPES.apply && !opts.fieldManager) {
    throw errors.badRequest('PATCH requests with apply content type must have a fieldManager');
  }
  const key = objectKey(type, namespace, name);
  for (let attempt = 0; ; attempt++) {
    const stored = await ctx.store.get(key);
    if (!stored) {
      if (contentType === PATCH_CONTENT_TYPES.apply && mode === 'main' && !view) {
        return { object: await applyCreate(ctx, type, namespace, name, patch as KubernetesObject, opts), created: true };
      }
      throw notFound(type, name);
    }
    const current = ctx.toExternal(type, fromStored(stored));
    const target = view ? view.toView(current) : current;
    let patched: KubernetesObject;
    if (contentType === PATCH_CONTENT_TYPES.apply) {
      const applied = serverSideApply(target, patch as KubernetesObject, {
        fieldManager: opts.fieldManager ?? '',
        force: opts.force ?? false,
        type: { group: type.group, kind: type.kind },
        now: timestamp(ctx.clock()),
      });
      if (applied.conflicts.length > 0) throw applyConflictError(applied.conflicts);
      patched = applied.object;
    } else {
      patched = applyPatch(contentType, target, patch, type);
    }
    if (view) patched = view.fromView(patched, current);
    const requested = parseResourceVersion(patched.metadata?.resourceVersion);
    const clientNamedRevision = requested !== undefined && requested !== stored.modRevision;
    try {
      const object = await writeUpdate(ctx, type, stored, patched, mode, {
        ...opts,
        ...(contentType === PATCH_CONTENT_TYPES.apply ? { manager: undefined } : {}),
        expectedRevision: clientNamedRevision ? (requested as number) : stored.modRevision,
      });
      return { object, created: false };
    } catch (err) {
      const retryable = err instanceof ApiError && err.reason === 'Conflict' && !clientNamedRevision && attempt < CONFLICT_RETRIES;
      if (!retryable) throw err;
    }
  }
}

async function applyCreate(
  ctx: RegistryContext,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
  applied: KubernetesObject,
  opts: WriteOptions,
): Promise<KubernetesObject> {
  if (!applied || typeof applied !== 'object') throw errors.badRequest('the apply patch must be an object');
  const result = serverSideApply(undefined, applied, {
    fieldManager: opts.fieldManager ?? '',
    force: opts.force ?? false,
    type: { group: type.group, kind: type.kind },
    now: timestamp(ctx.clock()),
  });
  const obj = result.object;
  obj.metadata = { ...obj.metadata, name };
  const { manager: _applyRecordsItsOwn, ...createOpts } = opts;
  return createObject(ctx, type, namespace, obj, createOpts);
}
