// Builds the API server as an un-listened Fastify instance (tests use inject or listen on port 0).
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { defaultCatalog } from '@kctl/shared';
import type { KubernetesObject, ResourceCatalog, ResourceType } from '@kctl/shared';
import type { ObjectStore } from './storage/object-store.js';
import { strategyFor, eventToEventsV1, eventsV1ToCore } from './registry/index.js';
import type { RegistryContext } from './rest/registry-context.js';
import type { Clock } from './rest/object-meta.js';
import { ServiceAllocator } from './rest/service-allocator.js';
import type { ServiceNetworkConfig } from './rest/service-allocator.js';
import { installErrorHandlers } from './routes/error-handler.js';
import { registerDiscoveryRoutes } from './routes/discovery-routes.js';
import { registerOpenApiRoutes } from './routes/openapi-routes.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { registerResourceRoutes } from './routes/resource-routes.js';
import type { PodStreamHandlers } from './routes/pod-stream-handlers.js';
import { createPodStreamHandlers, installPodStreamUpgrades } from './routes/pod-streams/index.js';
import { bootstrapNamespaces } from './bootstrap.js';

/** Kubernetes refuses request bodies over 3 MiB. */
export const MAX_REQUEST_BYTES = 3 * 1024 * 1024;

export interface ApiServerOptions {
  store: ObjectStore;
  logger?: FastifyBaseLogger;
  catalog?: ResourceCatalog;
  clock?: Clock;
  bookmarkIntervalMs?: number;
  /** pods/log|exec|attach; by default proxied to the pod's kubelet (tests may stub them) */
  podStreams?: PodStreamHandlers;
  /** Service ClusterIP and NodePort ranges (Kubernetes' defaults when absent). */
  serviceNetwork?: ServiceNetworkConfig;
}

function isEventsV1(type: ResourceType): boolean {
  return type.group === 'events.k8s.io';
}

export function createRegistryContext(opts: ApiServerOptions): RegistryContext {
  const catalog = opts.catalog ?? defaultCatalog;
  return {
    store: opts.store,
    catalog,
    strategyFor: (type) => strategyFor(type.storedAs?.group ?? type.group, type.storedAs?.resource ?? type.resource),
    toExternal: (type, obj) => (isEventsV1(type) ? (eventToEventsV1(obj) as KubernetesObject) : obj),
    toInternal: (type, obj) => (isEventsV1(type) ? (eventsV1ToCore(obj) as KubernetesObject) : obj),
    clock: opts.clock ?? (() => new Date()),
    services: new ServiceAllocator(opts.store, opts.serviceNetwork),
  };
}

export async function buildApiServer(opts: ApiServerOptions): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    // Requests are not logged (they are the hot path); our own pino logger records what matters.
    logger: false,
    bodyLimit: MAX_REQUEST_BYTES,
    // Kubernetes names may be long and contain dots; keep URLs as sent.
    routerOptions: { maxParamLength: 1024, ignoreTrailingSlash: true },
  });
  // Every body arrives as raw bytes; the handlers decode it by its content type and answer
  // 415 for types Kubernetes does not accept.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  const ctx = createRegistryContext(opts);
  await bootstrapNamespaces(ctx);
  installErrorHandlers(app, opts.logger);
  registerHealthRoutes(app, () => true);
  registerDiscoveryRoutes(app, ctx.catalog);
  registerOpenApiRoutes(app, ctx.catalog);
  registerResourceRoutes(app, { ctx, bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 60_000, podStreams: opts.podStreams ?? createPodStreamHandlers(ctx) });
  // exec/attach are WebSocket upgrades, which Node delivers to 'upgrade' listeners, not to routes.
  if (!opts.podStreams) installPodStreamUpgrades(app.server, ctx, opts.logger);
  return app;
}
