// The StatefulSet and DaemonSet controllers against a real API server (memory store, loopback).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '@kctl/shared';
import type { KubernetesList, KubernetesObject, Pod } from '@kctl/shared';
import { DaemonSetController } from '../daemonset/daemon-set-controller.js';
import { StatefulSetController } from '../statefulset/stateful-set-controller.js';
import { startTestApiServer, testControllerOptions } from '../test-support/api-server.test-support.js';
import type { TestApiServer } from '../test-support/api-server.test-support.js';

let server: TestApiServer;
let client: ApiClient;
let controllers: Array<{ start(): Promise<void>; stop(): Promise<void> }>;

const NS = '/api/v1/namespaces/default';
const APPS = '/apis/apps/v1/namespaces/default';
const WAIT = { timeout: 5_000, interval: 25 };

beforeEach(async () => {
  server = await startTestApiServer();
  client = server.client;
  const opts = testControllerOptions(client);
  controllers = [new StatefulSetController(opts), new DaemonSetController(opts)];
  await Promise.all(controllers.map((c) => c.start()));
});

afterEach(async () => {
  await Promise.all(controllers.map((c) => c.stop()));
  await server.close();
});

const podNames = async () => (await client.get<KubernetesList<Pod>>(`${NS}/pods`)).items.map((p) => p.metadata!.name!).sort();

async function markReady(name: string): Promise<void> {
  const pod = await client.get<Pod>(`${NS}/pods/${name}`);
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  await client.replace(`${NS}/pods/${name}/status`, {
    ...pod,
    status: { ...pod.status, phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }] },
  });
}

const template = (app: string) => ({ metadata: { labels: { app } }, spec: { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] } });

describe('StatefulSetController', () => {
  it('creates ordinals in order with their claims, reports status, and scales down from the top', async () => {
    await client.create(`${APPS}/statefulsets`, {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web' },
      spec: {
        replicas: 2,
        serviceName: 'nginx',
        selector: { matchLabels: { app: 'web' } },
        template: template('web'),
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Mi' } } } }],
      },
    });
    await vi.waitFor(async () => expect(await podNames()).toEqual(['web-0']), WAIT);
    const web0 = await client.get<Pod>(`${NS}/pods/web-0`);
    expect(web0.spec).toMatchObject({ hostname: 'web-0', subdomain: 'nginx', volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-web-0' } }] });
    expect(web0.metadata?.labels).toMatchObject({ app: 'web', 'statefulset.kubernetes.io/pod-name': 'web-0', 'apps.kubernetes.io/pod-index': '0' });
    const revision = web0.metadata!.labels!['controller-revision-hash']!;
    expect(revision).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    await client.get(`/apis/apps/v1/namespaces/default/controllerrevisions/${revision}`);
    const claim = await client.get<KubernetesObject>(`${NS}/persistentvolumeclaims/data-web-0`);
    expect(claim.metadata?.labels).toEqual({ app: 'web' });
    // OrderedReady: web-1 waits for web-0 to be Running and Ready.
    await new Promise((r) => setTimeout(r, 300));
    expect(await podNames()).toEqual(['web-0']);
    await markReady('web-0');
    await vi.waitFor(async () => expect(await podNames()).toEqual(['web-0', 'web-1']), WAIT);
    await markReady('web-1');
    await vi.waitFor(async () => {
      const sts = await client.get<KubernetesObject & { status: Record<string, unknown> }>(`${APPS}/statefulsets/web`);
      expect(sts.status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2, currentReplicas: 2, updatedReplicas: 2, currentRevision: revision, updateRevision: revision, observedGeneration: 1 });
    }, WAIT);
    const events = await client.get<KubernetesList<KubernetesObject & { reason: string; message: string }>>(`${NS}/events`);
    expect(events.items.map((e) => `${e.reason} ${e.message}`)).toEqual(
      expect.arrayContaining(['SuccessfulCreate create Pod web-0 in StatefulSet web successful', 'SuccessfulCreate create Claim data-web-1 Pod web-1 in StatefulSet web success']),
    );
    await client.patch(`${APPS}/statefulsets/web`, { spec: { replicas: 1 } }, 'application/merge-patch+json');
    await vi.waitFor(async () => expect(await podNames()).toEqual(['web-0']), WAIT);
    // Claims are retained on scale-down.
    await client.get(`${NS}/persistentvolumeclaims/data-web-1`);
  });

  it('rolls pods to a new template from the highest ordinal down to the partition', async () => {
    await client.create(`${APPS}/statefulsets`, {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: { replicas: 3, podManagementPolicy: 'Parallel', serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: template('db'), updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } },
    });
    await vi.waitFor(async () => expect(await podNames()).toEqual(['db-0', 'db-1', 'db-2']), WAIT);
    for (const name of ['db-0', 'db-1', 'db-2']) await markReady(name);
    const revisionOf = async (name: string) => (await client.get<Pod>(`${NS}/pods/${name}`)).metadata?.labels?.['controller-revision-hash'];
    const old = await revisionOf('db-0');
    await client.patch(`${APPS}/statefulsets/db`, { spec: { template: { metadata: { labels: { app: 'db', v: '2' } } } } }, 'application/merge-patch+json');
    await vi.waitFor(async () => expect(await revisionOf('db-2')).not.toBe(old), WAIT);
    const updated = await revisionOf('db-2');
    // db-1 waits for db-2 to be healthy on the new revision.
    expect(await revisionOf('db-1')).toBe(old);
    await markReady('db-2');
    await vi.waitFor(async () => expect(await revisionOf('db-1')).toBe(updated), WAIT);
    await markReady('db-1');
    await new Promise((r) => setTimeout(r, 300));
    expect(await revisionOf('db-0')).toBe(old);
  });
});

describe('DaemonSetController', () => {
  it('puts one pod on each node, pinned by node affinity, and reports the status', async () => {
    for (const name of ['n1', 'n2']) await client.create('/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } } });
    await client.create(`${APPS}/daemonsets`, {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: template('agent') },
    });
    await vi.waitFor(async () => expect(await podNames()).toHaveLength(2), WAIT);
    const pods = (await client.get<KubernetesList<Pod>>(`${NS}/pods`)).items;
    const targets = pods.map((p) => p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms[0]?.matchFields?.[0]?.values?.[0]).sort();
    expect(targets).toEqual(['n1', 'n2']);
    expect(pods[0]!.metadata?.labels).toMatchObject({ app: 'agent', 'pod-template-generation': '1' });
    expect(pods[0]!.spec?.tolerations?.map((t) => t.key)).toContain('node.kubernetes.io/unschedulable');
    for (const pod of pods) await markReady(pod.metadata!.name!);
    await vi.waitFor(async () => {
      const ds = await client.get<KubernetesObject & { status: Record<string, unknown> }>(`${APPS}/daemonsets/agent`);
      expect(ds.status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2, numberAvailable: 2, updatedNumberScheduled: 2, numberMisscheduled: 0, observedGeneration: 1 });
    }, WAIT);
  });
});
