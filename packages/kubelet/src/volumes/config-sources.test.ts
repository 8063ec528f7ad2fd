import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApiServer, createMemoryObjectStore } from '@kctl/apiserver';
import { ApiClient } from '@kctl/shared';
import { ConfigSourceCache } from './config-sources.js';
import type { SourceKind } from './config-sources.js';

let app: FastifyInstance;
let client: ApiClient;
let cache: ConfigSourceCache;

beforeEach(async () => {
  const store = createMemoryObjectStore();
  await store.open();
  app = await buildApiServer({ store });
  client = new ApiClient({ server: await app.listen({ host: '127.0.0.1', port: 0 }), namespace: 'default' });
  cache = new ConfigSourceCache(client);
});

afterEach(async () => {
  cache.stop();
  client.close();
  await app.close();
});

const configMap = (name: string, data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

describe('ConfigSourceCache', () => {
  it('serves objects listed at start and reports later changes', async () => {
    await client.create('/api/v1/namespaces/default/configmaps', configMap('early', { a: '1' }));
    await cache.start();
    expect((await cache.get('ConfigMap', 'default', 'early'))?.data).toEqual({ a: '1' });

    const changes: Array<[SourceKind, string, string]> = [];
    cache.onChange((kind, namespace, name) => changes.push([kind, namespace, name]));
    await client.create('/api/v1/namespaces/default/secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds' }, data: { p: 'eA==' } });
    await client.create('/api/v1/namespaces/default/services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'cart' },
      spec: { ports: [{ port: 80 }] },
    });
    await vi.waitFor(() => expect(changes).toEqual(expect.arrayContaining([['Secret', 'default', 'creds'], ['Service', 'default', 'cart']])));
    expect(cache.list('Service').map((s) => s.metadata?.name)).toContain('cart');
  });

  it('falls back to a GET for an object the watch has not delivered, and says undefined for a missing one', async () => {
    await cache.start();
    await client.create('/api/v1/namespaces/default/configmaps', configMap('fresh', { b: '2' }));
    expect((await cache.get('ConfigMap', 'default', 'fresh'))?.data).toEqual({ b: '2' });
    expect(await cache.get('ConfigMap', 'default', 'missing')).toBeUndefined();
    expect(await cache.get('Secret', 'other', 'missing')).toBeUndefined();
  });
});
