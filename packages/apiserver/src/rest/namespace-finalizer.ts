// Finishes namespace deletion: deletes everything in a Terminating namespace, then the
// namespace. Kubernetes does this in the controller manager's namespace controller; it lives
// here until the controller manager exists (the controllers issue moves it there).
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { KubernetesObject } from '@kctl/shared';
import type { RegistryContext } from './registry-context.js';
import { collectionPrefix } from './request-target.js';
import { deleteObject } from './object-deletion.js';

const SCAN_INTERVAL_MS = 250;

export function startNamespaceFinalizer(ctx: RegistryContext, logger?: Logger): { stop(): void } {
  let running = false;
  const namespacedTypes = ctx.catalog.types.filter((t) => t.namespaced && !t.storedAs);
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const namespaces = await ctx.store.list('/registry/core/namespaces/');
      for (const stored of namespaces.items) {
        const ns = stored.value as KubernetesObject;
        if (!ns.metadata?.deletionTimestamp) continue;
        const name = ns.metadata.name ?? '';
        let remaining = 0;
        for (const type of namespacedTypes) {
          const contents = await ctx.store.list(collectionPrefix(type, name));
          remaining += contents.items.length;
          for (const item of contents.items) {
            const obj = item.value as KubernetesObject;
            if (obj.metadata?.deletionTimestamp) continue;
            await deleteObject(ctx, type, name, obj.metadata?.name ?? '', { dryRun: false }).catch(() => undefined);
          }
        }
        if (remaining === 0) await ctx.store.delete(stored.key, stored.modRevision).catch(() => undefined);
      }
    } catch (err) {
      logger?.warn({ err }, 'namespace finalizer pass failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), SCAN_INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
