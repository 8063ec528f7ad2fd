// The ReplicaSet controller against a real API server (memory store, loopback, port 0) and no
// kubelet: pods stay Pending unless a test writes their status itself.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { ApiClient, metaTime } from '@kctl/shared';
import type { Event, KubernetesList, Pod, ReplicaSet } from '@kctl/shared';
import { ReplicaSetController } from './replicaset-controller.js';
import { startTestApiServer, testControllerOptions, eventually as eventuallyReads } from '../test-support/api-server.test-support.js';
import type { TestApiServer } from '../test-support/api-server.test-support.js';

let server: TestApiServer;
let client: ApiClient;
let controller: ReplicaSetController;

const PODS = '/api/v1/namespaces/default/pods';
const RSS = '/apis/apps/v1/namespaces/default/replicasets';

beforeEach(async () => {
  server = await startTestApiServer();
  client = server.client;
  controller = new ReplicaSetController(testControllerOptions(client));
  await controller.start();
});

afterEach(async () => {
  await controller.stop();
  await server.close();
});

/** Rollouts take longer than the shared default. */
const eventually = <T>(read: () => Promise<T>, check: (value: T) => void, timeoutMs = 8_000) => eventuallyReads(read, check, timeoutMs);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const listPods = async () => (await client.get<KubernetesList<Pod>>(PODS)).items;
const getRs = (name = 'web') => client.get<ReplicaSet>(`${RSS}/${name}`);
const podSpec = { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] };

function createRs(replicas: number, extra: { minReadySeconds?: number; name?: string } = {}): Promise<ReplicaSet> {
  return client.create<ReplicaSet>(RSS, {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: extra.name ?? 'web' },
    spec: {
      replicas,
      ...(extra.minReadySeconds ? { minReadySeconds: extra.minReadySeconds } : {}),
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: podSpec },
    },
  });
}

async function scale(replicas: number): Promise<void> {
  await client.patch(`${RSS}/web`, { spec: { replicas } }, 'application/merge-patch+json');
}

/** What a kubelet would write: Running, and Ready (since `readySince`) or not. */
async function setRunning(pod: Pod, ready: boolean, readySince = Date.now()): Promise<void> {
  const fresh = await client.get<Pod>(`${PODS}/${pod.metadata!.name}`);
  await client.replace(`${PODS}/${pod.metadata!.name}/status`, {
    ...fresh,
    spec: { ...fresh.spec, nodeName: 'node-1' },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: metaTime(readySince) }] },
  });
}

const active = (pods: Pod[]) => pods.filter((p) => !p.metadata?.deletionTimestamp);

describe('the ReplicaSet controller', () => {
  it('creates the replicas as NAME-xxxxx owned by the ReplicaSet, reports status and records events', async () => {
    const rs = await createRs(3);
    const pods = await eventually(listPods, (pods) => expect(pods).toHaveLength(3));
    for (const pod of pods) {
      expect(pod.metadata?.name).toMatch(/^web-[a-z0-9]{5}$/);
      expect(pod.metadata?.ownerReferences).toEqual([
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata?.uid, controller: true, blockOwnerDeletion: true },
      ]);
    }
    await eventually(getRs, (rs) =>
      expect(rs.status).toMatchObject({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 0, availableReplicas: 0, observedGeneration: 1 }),
    );
    const events = await eventually(
      async () => (await client.get<KubernetesList<Event>>('/api/v1/namespaces/default/events')).items,
      (events) => expect(events.filter((e) => e.reason === 'SuccessfulCreate')).toHaveLength(3),
    );
    expect(events.map((e) => e.message).sort()).toEqual(pods.map((p) => `Created pod: ${p.metadata?.name}`).sort());
    expect(events[0]?.source?.component).toBe('replicaset-controller');
  });

  it('scales down deleting not-ready pods before ready ones, and counts ready replicas', async () => {
    await createRs(3);
    const pods = await eventually(listPods, (pods) => expect(pods).toHaveLength(3));
    await setRunning(pods[0]!, true);
    await setRunning(pods[1]!, false);
    await eventually(getRs, (rs) => expect(rs.status?.readyReplicas).toBe(1));
    await scale(1);
    const left = await eventually(listPods, (pods) => expect(active(pods)).toHaveLength(1));
    expect(left[0]?.metadata?.name).toBe(pods[0]?.metadata?.name);
    await eventually(getRs, (rs) => expect(rs.status).toMatchObject({ replicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 2 }));
  });

  it('replaces a deleted pod and does not count finished pods', async () => {
    await createRs(2);
    const pods = await eventually(listPods, (pods) => expect(pods).toHaveLength(2));
    await client.delete(`${PODS}/${pods[0]!.metadata!.name}`);
    const fresh = await client.get<Pod>(`${PODS}/${pods[1]!.metadata!.name}`);
    await client.replace(`${PODS}/${pods[1]!.metadata!.name}/status`, { ...fresh, status: { phase: 'Failed' } });
    await eventually(listPods, (now) => {
      const names = now.filter((p) => p.status?.phase !== 'Failed').map((p) => p.metadata?.name);
      expect(names).toHaveLength(2);
      expect(names).not.toContain(pods[0]!.metadata!.name);
    });
  });

  it('adopts a matching orphan instead of creating, and releases a pod whose labels no longer match', async () => {
    await client.create(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'orphan', labels: { app: 'web' } }, spec: podSpec });
    const rs = await createRs(2);
    const pods = await eventually(listPods, (pods) => {
      expect(pods).toHaveLength(2);
      expect(pods.every((p) => p.metadata?.ownerReferences?.[0]?.uid === rs.metadata?.uid)).toBe(true);
    });
    expect(pods.map((p) => p.metadata?.name)).toContain('orphan');

    await client.patch(`${PODS}/orphan`, { metadata: { labels: { app: 'debug' } } }, 'application/merge-patch+json');
    await eventually(listPods, (pods) => {
      expect(pods).toHaveLength(3);
      expect(pods.find((p) => p.metadata?.name === 'orphan')?.metadata?.ownerReferences ?? []).toEqual([]);
    });
  });

  it('never creates twice while its watch lags behind its writes (expectations)', async () => {
    await createRs(40);
    // Once the worker is creating, hammer the same key with extra syncs: without expectations each
    // would see a short cache and create more.
    await eventually(async () => controller.expectations.pending('default/web'), (pending) => expect(pending).toBeDefined());
    const extra = Array.from({ length: 20 }, async (_, i) => {
      await sleep(i * 5);
      // Concurrent status writes may conflict; only what gets created matters here.
      await controller.sync('default/web').catch(() => undefined);
    });
    await Promise.all(extra);
    await eventually(listPods, (pods) => expect(pods).toHaveLength(40));
    await sleep(300);
    expect(await listPods()).toHaveLength(40);
  });

  it('reports pods available only after minReadySeconds', async () => {
    await createRs(1, { minReadySeconds: 1 });
    const [pod] = await eventually(listPods, (pods) => expect(pods).toHaveLength(1));
    await setRunning(pod!, true);
    await eventually(getRs, (rs) => expect(rs.status).toMatchObject({ readyReplicas: 1, availableReplicas: 0 }));
    await eventually(getRs, (rs) => expect(rs.status?.availableReplicas).toBe(1));
  });

  it('creates at most burstReplicas per sync, in slow-start batches, and still converges', async () => {
    await controller.stop();
    controller = new ReplicaSetController({ client, logger: pino({ level: 'silent' }), burstReplicas: 7 });
    await controller.start();
    await createRs(20);
    await eventually(listPods, (pods) => expect(pods).toHaveLength(20));
    await eventually(getRs, (rs) => expect(rs.status?.replicas).toBe(20));
  });
});
