// Watch over the REST view: the store's change stream narrowed to one collection and its
// selectors. An object moving into the selection is ADDED, one moving out is DELETED, as the
// Kubernetes watch cache reports it.
import type { KubernetesObject, ResourceType, WatchEvent } from '@kctl/shared';
import type { StoreEvent, StoredValue } from '../storage/object-store.js';
import type { RegistryContext } from './registry-context.js';
import { fromStored } from './object-meta.js';
import { collectionPrefix } from './request-target.js';
import { selectionPredicate } from './object-reads.js';
import type { Selection } from './object-reads.js';

export interface WatchRequest extends Selection {
  /** absent or 0: start with the current state as ADDED events */
  resourceVersion?: number;
  signal: AbortSignal;
}

export interface WatchProgress {
  /** the newest store revision this watch has processed, delivered or filtered out */
  revision: number;
}

export async function* watchObjects(
  ctx: RegistryContext,
  type: ResourceType,
  namespace: string | undefined,
  req: WatchRequest,
  progress: WatchProgress,
): AsyncGenerator<WatchEvent> {
  const predicate = selectionPredicate(type, req) ?? (() => true);
  const prefix = collectionPrefix(type, namespace);
  let from = req.resourceVersion ?? 0;
  if (!from) {
    const current = await ctx.store.list(prefix);
    from = current.revision;
    progress.revision = from;
    for (const stored of current.items) {
      if (predicate(stored.value as KubernetesObject)) yield { type: 'ADDED', object: external(ctx, type, stored) };
    }
  } else {
    progress.revision = from;
  }
  for await (const event of ctx.store.watch(prefix, from, req.signal)) {
    progress.revision = event.revision;
    const translated = translate(event, predicate);
    if (translated) yield { type: translated, object: external(ctx, type, event.object) };
  }
}

function external(ctx: RegistryContext, type: ResourceType, stored: StoredValue): KubernetesObject {
  return ctx.toExternal(type, fromStored(stored));
}

function translate(event: StoreEvent, predicate: (obj: KubernetesObject) => boolean): WatchEvent['type'] | undefined {
  const now = predicate(event.object.value as KubernetesObject);
  if (event.type === 'ADDED') return now ? 'ADDED' : undefined;
  const before = event.previous ? predicate(event.previous.value as KubernetesObject) : now;
  if (event.type === 'DELETED') return before ? 'DELETED' : undefined;
  if (now && before) return 'MODIFIED';
  if (now) return 'ADDED';
  if (before) return 'DELETED';
  return undefined;
}
