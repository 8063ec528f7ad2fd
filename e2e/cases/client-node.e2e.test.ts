// @kubernetes/client-node 1.4.0 against our API server: list, create, patch, delete, watch,
// the informer, and generic objects through discovery.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { startApiServer } from '../harness/api-server-process.js';
import type { ApiServerProcess } from '../harness/api-server-process.js';
import { waitUntil } from '../harness/wait-until.js';

let api: ApiServerProcess;
let kc: k8s.KubeConfig;
let core: k8s.CoreV1Api;

beforeAll(async () => {
  api = await startApiServer();
  kc = new k8s.KubeConfig();
  kc.loadFromFile(api.kubeconfig);
  core = kc.makeApiClient(k8s.CoreV1Api);
});

afterAll(async () => {
  await api?.stop();
});

const pod = (name: string): k8s.V1Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { app: 'cn' } },
  spec: { containers: [{ name: 'main', image: 'busybox', command: ['sleep', '60'] }] },
});

describe('@kubernetes/client-node', () => {
  it('creates, lists, patches and deletes', async () => {
    const created = await core.createNamespacedPod({ namespace: 'default', body: pod('cn-1') });
    expect(created.metadata?.uid).toBeTruthy();
    expect(created.status?.phase).toBe('Pending');
    expect(created.spec?.restartPolicy).toBe('Always');
    const list = await core.listNamespacedPod({ namespace: 'default', labelSelector: 'app=cn' });
    expect(list.items.map((p) => p.metadata?.name)).toEqual(['cn-1']);
    const patched = await core.patchNamespacedPod(
      { namespace: 'default', name: 'cn-1', body: { metadata: { labels: { extra: 'yes' } } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    expect(patched.metadata?.labels).toEqual({ app: 'cn', extra: 'yes' });
    await expect(core.readNamespacedPod({ namespace: 'default', name: 'missing' })).rejects.toMatchObject({ code: 404 });
    await core.deleteNamespacedPod({ namespace: 'default', name: 'cn-1' });
    const after = await core.listNamespacedPod({ namespace: 'default' });
    expect(after.items).toHaveLength(0);
  });

  it('watches a collection', async () => {
    const watch = new k8s.Watch(kc);
    const events: string[] = [];
    const done = new Promise<void>((resolve) => {
      void watch
        .watch('/api/v1/namespaces/default/configmaps', {}, (type, obj: k8s.V1ConfigMap) => {
          events.push(`${type} ${obj.metadata?.name}`);
          if (events.length === 3) resolve();
        }, () => undefined)
        .then((req) => done.then(() => req.abort()));
    });
    await new Promise((r) => setTimeout(r, 200));
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'w1' }, data: { a: '1' } } });
    await core.patchNamespacedConfigMap({ namespace: 'default', name: 'w1', body: { data: { a: '2' } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
    await core.deleteNamespacedConfigMap({ namespace: 'default', name: 'w1' });
    await done;
    expect(events).toEqual(['ADDED w1', 'MODIFIED w1', 'DELETED w1']);
  });

  it('keeps an informer cache in step', async () => {
    const informer = k8s.makeInformer(kc, '/api/v1/namespaces/default/configmaps', () => core.listNamespacedConfigMap({ namespace: 'default' }));
    const added: string[] = [];
    const deleted: string[] = [];
    informer.on('add', (obj) => added.push(obj.metadata?.name ?? ''));
    informer.on('delete', (obj) => deleted.push(obj.metadata?.name ?? ''));
    await informer.start();
    try {
      await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'inf-1' } } });
      await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'inf-2' } } });
      await core.deleteNamespacedConfigMap({ namespace: 'default', name: 'inf-1' });
      await waitUntil(() => deleted.includes('inf-1') && added.includes('inf-2'));
      expect(informer.list('default').map((c) => c.metadata?.name)).toEqual(['inf-2']);
    } finally {
      await informer.stop();
    }
  });

  it('creates and server-side applies generic objects through discovery', async () => {
    const objects = k8s.KubernetesObjectApi.makeApiClient(kc);
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'generic', namespace: 'default' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'generic' } },
        template: { metadata: { labels: { app: 'generic' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } },
      },
    };
    const created = await objects.create(deployment);
    expect((created as { metadata?: { generation?: number } }).metadata?.generation).toBe(1);
    const applied = await objects.patch({ ...deployment, spec: { ...deployment.spec, replicas: 4 } }, undefined, undefined, 'client-node-test', true, k8s.PatchStrategy.ServerSideApply);
    expect((applied as { spec?: { replicas?: number } }).spec?.replicas).toBe(4);
    expect((applied as { metadata?: { generation?: number } }).metadata?.generation).toBe(2);
    const read = await objects.read({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'generic', namespace: 'default' } });
    expect((read as { spec?: { strategy?: { type?: string } } }).spec?.strategy?.type).toBe('RollingUpdate');
  });
});
