// An API server on a memory store for REST-level tests (Fastify inject, no sockets).
import type { FastifyInstance } from 'fastify';
import { buildApiServer } from '../build-api-server.js';
import { createMemoryObjectStore } from '../storage/index.js';
import type { ObjectStore } from '../storage/object-store.js';

export interface ApiFixture {
  app: FastifyInstance;
  store: ObjectStore;
  call(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function apiFixture(opts: { clock?: () => Date; bookmarkIntervalMs?: number } = {}): Promise<ApiFixture> {
  const store = createMemoryObjectStore();
  await store.open();
  const app = await buildApiServer({ store, ...(opts.clock ? { clock: opts.clock } : {}), bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 60_000 });
  return {
    app,
    store,
    async call(method, url, body, headers = {}) {
      const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
      const res = await app.inject({
        method: method as 'GET',
        url,
        ...(payload !== undefined ? { payload } : {}),
        headers: { ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      });
      const text = res.body;
      return { status: res.statusCode, body: text ? JSON.parse(text) : undefined };
    },
    async close() {
      await app.close();
      await store.close();
    },
  };
}

export const TABLE = { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' };

export function pod(name: string, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'web' } },
    spec: { containers: [{ name: 'main', image: 'busybox', command: ['sleep', '60'] }], ...extra },
  };
}

export function deployment(name: string, replicas = 2) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'busybox:1' }] } },
    },
  };
}
