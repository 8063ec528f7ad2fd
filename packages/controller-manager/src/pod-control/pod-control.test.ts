// Pod creation, deletion and claiming against a real API server (memory store, loopback, port 0).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient, ApiError, labelSelectorFromSet } from '@kctl/shared';
import type { Event, KubernetesList, Pod, ReplicaSet } from '@kctl/shared';
import { claimPods, controllerOf, createPodFromTemplate, deletePod } from './index.js';
import { startTestApiServer } from '../test-support/api-server.test-support.js';
import type { TestApiServer } from '../test-support/api-server.test-support.js';

let server: TestApiServer;
let client: ApiClient;
let owner: ReplicaSet;

const PODS = '/api/v1/namespaces/default/pods';
const template = { metadata: { labels: { app: 'web' }, annotations: { note: 'x' } }, spec: { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] } };

beforeEach(async () => {
  server = await startTestApiServer();
  client = server.client;
  owner = await client.create<ReplicaSet>('/apis/apps/v1/namespaces/default/replicasets', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web' },
    spec: { replicas: 0, selector: { matchLabels: { app: 'web' } }, template },
  });
});

afterEach(async () => {
  await server.close();
});

async function eventsOf(reason: string): Promise<string[]> {
  const deadline = Date.now() + 3_000;
  for (;;) {
    const list = await client.get<KubernetesList<Event>>('/api/v1/namespaces/default/events');
    const messages = list.items.filter((e) => e.reason === reason && e.involvedObject.name === 'web').map((e) => e.message ?? '');
    if (messages.length || Date.now() > deadline) return messages;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const newPod = (name: string, labels: Record<string, string>, extra: Partial<Pod['metadata']> = {}) =>
  client.create<Pod>(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels, ...extra }, spec: template.spec });

describe('createPodFromTemplate / deletePod', () => {
  it('creates a pod named <owner>-xxxxx, controlled by the owner, and records the events', async () => {
    const pod = await createPodFromTemplate(client, 'default', template, owner);
    expect(pod.metadata?.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(pod.metadata?.labels).toEqual({ app: 'web' });
    expect(pod.metadata?.annotations).toEqual({ note: 'x' });
    expect(pod.metadata?.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: owner.metadata?.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(await eventsOf('SuccessfulCreate')).toEqual([`Created pod: ${pod.metadata?.name}`]);

    await deletePod(client, pod, owner);
    expect(await eventsOf('SuccessfulDelete')).toEqual([`Deleted pod: ${pod.metadata?.name}`]);
    await expect(deletePod(client, pod, owner)).rejects.toMatchObject({ code: 404 });
  });

  it('honours a fixed name, a node and extra labels', async () => {
    const pod = await createPodFromTemplate(client, 'default', template, owner, { name: 'web-0', nodeName: 'n1', extraLabels: { rev: '1' } });
    expect(pod.metadata?.name).toBe('web-0');
    expect(pod.spec?.nodeName).toBe('n1');
    expect(pod.metadata?.labels).toEqual({ app: 'web', rev: '1' });
  });

  it('records FailedCreate with the server error', async () => {
    const bad = { ...template, spec: { containers: [{ name: 'BAD NAME', image: 'busybox' }] } };
    await expect(createPodFromTemplate(client, 'default', bad, owner)).rejects.toBeInstanceOf(ApiError);
    const [message] = await eventsOf('FailedCreate');
    expect(message).toMatch(/^Error creating: /);
  });
});

describe('claimPods', () => {
  it('keeps its own, adopts selected orphans, releases unselected own pods, and ignores the rest', async () => {
    const selector = labelSelectorFromSet({ app: 'web' });
    const own = await createPodFromTemplate(client, 'default', template, owner);
    const orphan = await newPod('orphan', { app: 'web' });
    const stranger = await newPod('stranger', { app: 'other' });
    const foreign = await newPod('foreign', { app: 'web' }, {
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'x', uid: 'someone-else', controller: true }],
    });
    const strayed = await createPodFromTemplate(client, 'default', { ...template, metadata: { labels: { app: 'old' } } }, owner);

    const claimed = await claimPods(client, owner, selector, [own, orphan, stranger, foreign, strayed]);
    expect(claimed.map((p) => p.metadata?.name)).toEqual([own.metadata?.name, 'orphan']);
    const fresh = async (name: string) => client.get<Pod>(`${PODS}/${name}`);
    expect(controllerOf(await fresh('orphan'))?.uid).toBe(owner.metadata?.uid);
    expect(controllerOf(await fresh('stranger'))).toBeUndefined();
    expect(controllerOf(await fresh('foreign'))?.uid).toBe('someone-else');
    expect((await fresh(strayed.metadata!.name!)).metadata?.ownerReferences ?? []).toEqual([]);
  });

  it('does not adopt for an owner that is gone', async () => {
    const orphan = await newPod('orphan', { app: 'web' });
    await client.delete(`/apis/apps/v1/namespaces/default/replicasets/web`);
    await expect(claimPods(client, owner, labelSelectorFromSet({ app: 'web' }), [orphan])).rejects.toThrow(/is gone|not found/);
    expect(controllerOf(await client.get<Pod>(`${PODS}/orphan`))).toBeUndefined();
  });
});
