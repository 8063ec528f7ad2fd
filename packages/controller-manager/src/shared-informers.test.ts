// The shared informer factory against a real API server (memory store, loopback, port 0).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { ApiClient, defaultCatalog } from '@kctl/shared';
import type { Deployment, KubernetesList, Pod } from '@kctl/shared';
import { SharedInformerFactory, controllerInformers } from './shared-informers.js';
import { DeploymentController } from './deployment/deployment-controller.js';
import { ReplicaSetController } from './replicaset/replicaset-controller.js';
import { startTestApiServer, eventuallyPasses } from './test-support/api-server.test-support.js';
import type { TestApiServer } from './test-support/api-server.test-support.js';

const PODS_TYPE = defaultCatalog.resolve('pods')!;
const PODS = '/api/v1/namespaces/default/pods';

let server: TestApiServer;
let client: ApiClient;
let factory: SharedInformerFactory;

beforeEach(async () => {
  server = await startTestApiServer();
  client = server.client;
  factory = new SharedInformerFactory(client, { reconnectBackoff: { initialMs: 50, maxMs: 200 } });
});

afterEach(async () => {
  factory.stop();
  await server.close();
});

const eventually = (check: () => void | Promise<void>, timeoutMs = 8_000) => eventuallyPasses(check, timeoutMs);

const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });

describe('SharedInformerFactory', () => {
  it('hands out one informer per type and selection', () => {
    const a = factory.informerFor<Pod>(PODS_TYPE);
    expect(factory.informerFor<Pod>(PODS_TYPE)).toBe(a);
    expect(factory.informerFor<Pod>(PODS_TYPE, {})).toBe(a);
    expect(factory.informerFor<Pod>(PODS_TYPE, { fieldSelector: 'spec.nodeName!=' })).not.toBe(a);
    expect(factory.informerFor<Pod>(PODS_TYPE, { namespace: 'default' })).not.toBe(a);
    expect(factory.informerFor(defaultCatalog.resolve('nodes')!)).not.toBe(a);
    expect(factory.size).toBe(4);
  });

  it('start() syncs every informer; each registered handler sees every event; late informers start at once', async () => {
    await client.create(PODS, pod('before'));
    const pods = factory.informerFor<Pod>(PODS_TYPE);
    const first: string[] = [];
    const second: string[] = [];
    pods.onAdd((p) => first.push(p.metadata?.name ?? ''));
    pods.onAdd((p) => second.push(p.metadata?.name ?? ''));
    await factory.start();
    expect(pods.hasSynced).toBe(true);
    await client.create(PODS, pod('after'));
    await eventually(() => expect(first).toEqual(['before', 'after']));
    await eventually(() => expect(second).toEqual(['before', 'after']));
    // Asked for after start: started without another start() call.
    const nodes = factory.informerFor(defaultCatalog.resolve('nodes')!);
    await eventually(() => expect(nodes.hasSynced).toBe(true));
  });

  it('lets two controllers share the pod and ReplicaSet watches', async () => {
    const logger = pino({ level: 'silent' });
    const replicaSets = new ReplicaSetController({ client, logger, informers: factory });
    const deployments = new DeploymentController({ client, logger, informers: factory });
    // deployments, replicasets, pods: three watches for two controllers (five before sharing).
    expect(factory.size).toBe(3);
    await Promise.all([factory.start(), replicaSets.start(), deployments.start()]);
    try {
      await client.create<Deployment>('/apis/apps/v1/namespaces/default/deployments', {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: {
          replicas: 3,
          selector: { matchLabels: { app: 'web' } },
          template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } },
        },
      });
      await eventually(async () => expect((await client.get<KubernetesList<Pod>>(PODS)).items).toHaveLength(3));
    } finally {
      await replicaSets.stop();
      await deployments.stop();
    }
    // A controller's stop() leaves shared informers to the factory's owner.
    expect(factory.informerFor(PODS_TYPE).hasSynced).toBe(true);
  });
});

describe('controllerInformers', () => {
  it('uses the shared factory and never stops it; otherwise makes a private one it stops', async () => {
    const onError = () => {};
    const shared = controllerInformers({ client, informers: factory }, onError);
    expect(shared.factory).toBe(factory);
    const own = controllerInformers({ client }, onError);
    expect(own.factory).not.toBe(factory);
    const sharedPods = factory.informerFor(PODS_TYPE);
    const sharedStarted = factory.start();
    const started = own.factory.informerFor(PODS_TYPE).start();
    own.release();
    shared.release();
    await started; // a stopped informer's start() resolves at once, synced or not
    await sharedStarted;
    expect(sharedPods.hasSynced).toBe(true);
  });
});
