// The garbage collector and the namespace controller against a real API server (memory store,
// loopback, port 0): each propagation policy, dangling and shared owners, namespace deletion.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { ApiClient, ApiError } from '@kctl/shared';
import type { KubernetesObject } from '@kctl/shared';
import { GarbageCollector } from './garbage-collector.js';
import { NamespaceController } from '../namespace/namespace-controller.js';
import { startTestApiServer, eventuallyPasses as eventually } from '../test-support/api-server.test-support.js';
import type { TestApiServer } from '../test-support/api-server.test-support.js';

let server: TestApiServer;
let client: ApiClient;
let gc: GarbageCollector;
let namespaces: NamespaceController;

const CMS = '/api/v1/namespaces/default/configmaps';
const MERGE = 'application/merge-patch+json';

beforeEach(async () => {
  server = await startTestApiServer();
  client = server.client;
  const logger = pino({ level: 'silent' });
  gc = new GarbageCollector({ client, logger, reconnectBackoff: { initialMs: 50, maxMs: 200 } });
  namespaces = new NamespaceController({ client, logger, maxRecheckMs: 100, reconnectBackoff: { initialMs: 50, maxMs: 200 } });
  await Promise.all([gc.start(), namespaces.start()]);
});

afterEach(async () => {
  await Promise.all([gc.stop(), namespaces.stop()]);
  await server.close();
});

async function getOrNull(path: string): Promise<KubernetesObject | null> {
  try {
    return await client.get(path);
  } catch (err) {
    if (err instanceof ApiError && err.code === 404) return null;
    throw err;
  }
}

function ownerRef(owner: KubernetesObject, block = true) {
  return { apiVersion: 'v1', kind: 'ConfigMap', name: owner.metadata?.name ?? '', uid: owner.metadata?.uid ?? '', blockOwnerDeletion: block };
}

async function configMap(name: string, owners: object[] = [], finalizers?: string[]): Promise<KubernetesObject> {
  return client.create(CMS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ownerReferences: owners, ...(finalizers ? { finalizers } : {}) } });
}

describe('garbage collector', () => {
  it('Background: deletes dependents of a deleted owner, keeps those with another live owner', async () => {
    const owner = await configMap('owner');
    const other = await configMap('other');
    await configMap('dep-1', [ownerRef(owner)]);
    await configMap('dep-2', [ownerRef(owner)]);
    await configMap('shared', [ownerRef(owner), ownerRef(other)]);
    await client.delete(`${CMS}/owner`, { propagationPolicy: 'Background' });
    await eventually(async () => {
      expect(await getOrNull(`${CMS}/dep-1`)).toBeNull();
      expect(await getOrNull(`${CMS}/dep-2`)).toBeNull();
      const shared = await getOrNull(`${CMS}/shared`);
      expect(shared?.metadata?.ownerReferences?.map((r) => r.name)).toEqual(['other']);
    });
  });

  it('deletes an object whose owner never existed, verified by a live GET', async () => {
    await configMap('lost', [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: 'no-such-uid' }]);
    await eventually(async () => expect(await getOrNull(`${CMS}/lost`)).toBeNull());
  });

  it('never deletes a dependent whose owner is of a kind it cannot look up', async () => {
    await configMap('foreign', [{ apiVersion: 'example.com/v1', kind: 'Widget', name: 'w', uid: 'w-uid' }]);
    await new Promise((r) => setTimeout(r, 300));
    expect(await getOrNull(`${CMS}/foreign`)).not.toBeNull();
  });

  it('Foreground: the owner stays, marked, until its blocking dependents are gone', async () => {
    const owner = await configMap('fg-owner');
    await configMap('fg-held', [ownerRef(owner)], ['example.com/hold']);
    await configMap('fg-free', [ownerRef(owner, false)]);
    await client.delete(`${CMS}/fg-owner`, { propagationPolicy: 'Foreground' });
    await eventually(async () => {
      expect(await getOrNull(`${CMS}/fg-free`)).toBeNull();
      expect((await getOrNull(`${CMS}/fg-held`))?.metadata?.deletionTimestamp).toBeDefined();
    });
    const marked = await getOrNull(`${CMS}/fg-owner`);
    expect(marked?.metadata?.deletionTimestamp).toBeDefined();
    expect(marked?.metadata?.finalizers).toEqual(['foregroundDeletion']);
    await client.patch(`${CMS}/fg-held`, { metadata: { finalizers: null } }, MERGE);
    await eventually(async () => {
      expect(await getOrNull(`${CMS}/fg-held`)).toBeNull();
      expect(await getOrNull(`${CMS}/fg-owner`)).toBeNull();
    });
  });

  it('Foreground on an owner without dependents just lets it go', async () => {
    await configMap('lonely');
    await client.delete(`${CMS}/lonely`, { propagationPolicy: 'Foreground' });
    await eventually(async () => expect(await getOrNull(`${CMS}/lonely`)).toBeNull());
  });

  it('Orphan: dependents lose the reference and stay, the owner goes', async () => {
    const owner = await configMap('or-owner');
    const other = await configMap('or-other');
    await configMap('or-dep', [ownerRef(owner)]);
    await configMap('or-shared', [ownerRef(owner), ownerRef(other)]);
    await client.delete(`${CMS}/or-owner`, { propagationPolicy: 'Orphan' });
    await eventually(async () => expect(await getOrNull(`${CMS}/or-owner`)).toBeNull());
    expect((await getOrNull(`${CMS}/or-dep`))?.metadata?.ownerReferences).toBeUndefined();
    expect((await getOrNull(`${CMS}/or-shared`))?.metadata?.ownerReferences?.map((r) => r.name)).toEqual(['or-other']);
  });

  it('cascades through two levels in the foreground', async () => {
    const top = await configMap('top');
    const mid = await configMap('mid', [ownerRef(top)]);
    await configMap('leaf', [ownerRef(mid)], ['example.com/hold']);
    await client.delete(`${CMS}/top`, { propagationPolicy: 'Foreground' });
    await eventually(async () => expect((await getOrNull(`${CMS}/mid`))?.metadata?.finalizers).toEqual(['foregroundDeletion']));
    expect(await getOrNull(`${CMS}/top`)).not.toBeNull();
    await client.patch(`${CMS}/leaf`, { metadata: { finalizers: null } }, MERGE);
    await eventually(async () => {
      expect(await getOrNull(`${CMS}/leaf`)).toBeNull();
      expect(await getOrNull(`${CMS}/mid`)).toBeNull();
      expect(await getOrNull(`${CMS}/top`)).toBeNull();
    });
  });
});

describe('namespace controller', () => {
  it('deletes everything inside, reports what remains, then finalizes the namespace', async () => {
    await client.create('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'doomed' } });
    const cms = '/api/v1/namespaces/doomed/configmaps';
    await client.create(cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'plain' } });
    await client.create(cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', finalizers: ['example.com/hold'] } });
    await client.create('/api/v1/namespaces/doomed/services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'svc' },
      spec: { selector: { app: 'x' }, ports: [{ port: 80 }] },
    });
    await client.delete('/api/v1/namespaces/doomed', { propagationPolicy: 'Background' });
    await eventually(async () => {
      const ns = await getOrNull('/api/v1/namespaces/doomed');
      expect((ns?.status as { phase?: string }).phase).toBe('Terminating');
      const conditions = (ns?.status as { conditions?: Array<{ type: string; status: string; message: string }> }).conditions ?? [];
      const finalizers = conditions.find((c) => c.type === 'NamespaceFinalizersRemaining');
      expect(finalizers?.status).toBe('True');
      expect(finalizers?.message).toBe('Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances');
      expect(conditions.find((c) => c.type === 'NamespaceContentRemaining')?.message).toBe('Some resources are remaining: configmaps. has 1 resource instances');
    });
    expect(await getOrNull(`${cms}/plain`)).toBeNull();
    expect(await getOrNull('/api/v1/namespaces/doomed/services/svc')).toBeNull();
    await client.patch(`${cms}/held`, { metadata: { finalizers: null } }, MERGE);
    await eventually(async () => expect(await getOrNull('/api/v1/namespaces/doomed')).toBeNull());
  });
});
