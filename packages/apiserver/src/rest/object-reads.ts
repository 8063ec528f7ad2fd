// GET and LIST: from the store's in-memory index, filtered by label and field selectors, with
// limit/continue paging.
import { errors, fieldGetterFor, parseFieldSelector, parseLabelSelector, validateFieldSelector } from '@kctl/shared';
import type { KubernetesObject, ResourceType } from '@kctl/shared';
import type { StoredValue } from '../storage/object-store.js';
import type { RegistryContext } from './registry-context.js';
import { fromStored } from './object-meta.js';
import { collectionPrefix, objectKey } from './request-target.js';
import { notFound } from './store-errors.js';

export async function getStored(ctx: RegistryContext, type: ResourceType, namespace: string | undefined, name: string): Promise<StoredValue> {
  const stored = await ctx.store.get(objectKey(type, namespace, name));
  if (!stored) throw notFound(type, name);
  return stored;
}

export async function getObject(ctx: RegistryContext, type: ResourceType, namespace: string | undefined, name: string): Promise<KubernetesObject> {
  return ctx.toExternal(type, fromStored(await getStored(ctx, type, namespace, name)));
}

export interface Selection {
  labelSelector?: string;
  fieldSelector?: string;
}

/** A predicate over internal objects; throws BadRequest for selectors that do not parse. */
export function selectionPredicate(type: ResourceType, selection: Selection): ((obj: KubernetesObject) => boolean) | undefined {
  const predicates: Array<(obj: KubernetesObject) => boolean> = [];
  if (selection.labelSelector) {
    let labels;
    try {
      labels = parseLabelSelector(selection.labelSelector);
    } catch (err) {
      throw errors.badRequest(`unable to parse requirement: ${(err as Error).message}`);
    }
    if (!labels.empty) predicates.push((obj) => labels.matches(obj.metadata?.labels));
  }
  if (selection.fieldSelector) {
    let fields;
    try {
      fields = parseFieldSelector(selection.fieldSelector);
    } catch (err) {
      throw errors.badRequest((err as Error).message);
    }
    const problem = validateFieldSelector(type.kind, fields);
    if (problem) throw errors.badRequest(problem);
    predicates.push((obj) => fields.matches(fieldGetterFor(type.kind, obj)));
  }
  if (predicates.length === 0) return undefined;
  return (obj) => predicates.every((p) => p(obj));
}

export interface ListRequest extends Selection {
  limit?: number;
  continue?: string;
}

export interface ListResponse {
  items: KubernetesObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

interface ContinueToken {
  /** the key after which the next page starts */
  start: string;
  rv: number;
}

function decodeContinue(token: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ContinueToken;
    if (typeof parsed.start === 'string' && typeof parsed.rv === 'number') return parsed;
  } catch {
    // fall through
  }
  throw errors.badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}

export async function listObjects(ctx: RegistryContext, type: ResourceType, namespace: string | undefined, req: ListRequest): Promise<ListResponse> {
  const predicate = selectionPredicate(type, req);
  const prefix = collectionPrefix(type, namespace);
  const cont = req.continue ? decodeContinue(req.continue) : undefined;
  const limit = req.limit && req.limit > 0 ? req.limit : 0;
  const result = await ctx.store.list(prefix, cont ? { startAfter: cont.start } : {});
  const items: KubernetesObject[] = [];
  let lastKey: string | undefined;
  let remaining = 0;
  for (const stored of result.items) {
    const obj = stored.value as KubernetesObject;
    if (predicate && !predicate(obj)) continue;
    if (limit && items.length >= limit) {
      remaining++;
      continue;
    }
    items.push(ctx.toExternal(type, fromStored(stored)));
    lastKey = stored.key;
  }
  const revision = String(result.revision);
  if (remaining > 0 && lastKey) {
    const token = Buffer.from(JSON.stringify({ start: lastKey, rv: result.revision } satisfies ContinueToken)).toString('base64url');
    return { items, resourceVersion: revision, continue: token, remainingItemCount: remaining };
  }
  return { items, resourceVersion: revision };
}
