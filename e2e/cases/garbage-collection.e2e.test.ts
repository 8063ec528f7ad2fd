// Garbage collection and namespace deletion (issue 5), through the real kubectl on one node.
// Ownership is built by hand (a ConfigMap "owner" with pods and ConfigMaps pointing at it), so
// the collector is tested on its own: `kubectl delete` with --cascade=background removes the
// dependents, --cascade=foreground keeps the owner visible (deletionTimestamp, foregroundDeletion)
// until its blocking dependents are gone, --cascade=orphan leaves them without ownerReferences.
// Then a Deployment with each policy, and `kubectl delete namespace` with pods, ConfigMaps and
// Services inside: Terminating meanwhile, then NotFound, with nothing of it left.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { KubernetesList, KubernetesObject } from '@kctl/shared';
import { ApiError } from '@kctl/shared';
import { FAST_KUBELET_ARGS, startCluster } from '../harness/cluster.js';
import type { TestCluster } from '../harness/cluster.js';
import { namespaceManifest } from '../harness/pods.js';
import { hasKubectl, kubectl } from '../harness/run-cli.js';

let cluster: TestCluster | undefined;
const run = (args: string[], input?: string) => kubectl(cluster!.kubeconfig, args, input);
const suffix = Math.random().toString(36).slice(2, 7);
const ns = `gc-${suffix}`;
const WAIT = { timeout: 20_000, interval: 200 } as const;

// A pod that takes ~2 s to stop after SIGTERM: long enough to watch an owner wait for it.
const LINGERING = ['sh', '-c', "trap 'sleep 2; exit 0' TERM; while true; do sleep 0.2; done"];

interface Owner {
  kind: string;
  apiVersion: string;
  name: string;
  uid: string;
}

function ownerReferences(owner: Owner | undefined) {
  return owner ? { ownerReferences: [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, uid: owner.uid, blockOwnerDeletion: true }] } : {};
}

function pod(name: string, namespace: string, owner?: Owner, command = ['sleep', '3600']): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { suite: 'gc' }, ...ownerReferences(owner) },
    spec: { terminationGracePeriodSeconds: 10, containers: [{ name: 'main', image: 'busybox:1.36', command }] },
  };
}

function configMap(name: string, namespace: string, owner?: Owner): KubernetesObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, ...ownerReferences(owner) }, data: { k: 'v' } };
}

async function apply(...items: KubernetesObject[]): Promise<void> {
  const applied = await run(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  expect(applied.exitCode, applied.stderr).toBe(0);
}

/** Creates ConfigMap `name` and returns it as an owner. */
async function ownerConfigMap(name: string): Promise<Owner> {
  await apply(configMap(name, ns));
  const uid = await run(['get', 'configmap', name, '-n', ns, '-o', 'jsonpath={.metadata.uid}']);
  return { apiVersion: 'v1', kind: 'ConfigMap', name, uid: uid.stdout };
}

async function getOrNull<T = KubernetesObject>(path: string): Promise<T | null> {
  try {
    return await cluster!.client.get<T>(path);
  } catch (err) {
    if (err instanceof ApiError && err.code === 404) return null;
    throw err;
  }
}

const cmPath = (name: string, namespace = ns) => `/api/v1/namespaces/${namespace}/configmaps/${name}`;
const podPath = (name: string, namespace = ns) => `/api/v1/namespaces/${namespace}/pods/${name}`;
const list = async (path: string, labelSelector?: string) =>
  (await cluster!.client.get<KubernetesList<KubernetesObject>>(path, labelSelector ? { labelSelector } : {})).items;

async function waitRunning(...names: string[]): Promise<void> {
  const waited = await run(['wait', '-n', ns, '--for=condition=Ready', ...names.map((n) => `pod/${n}`), '--timeout=30s']);
  expect(waited.exitCode, waited.stderr).toBe(0);
}

describe.skipIf(!hasKubectl)('garbage collection', () => {
  beforeAll(async () => {
    cluster = await startCluster({ nodes: 1, kubeletArgs: FAST_KUBELET_ARGS });
    await run(['apply', '-f', '-'], namespaceManifest(ns));
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  it('--cascade=background (the default) deletes the owner at once, then its dependents', async () => {
    const owner = await ownerConfigMap('owner-bg');
    await apply(pod('bg-pod', ns, owner), configMap('bg-cm-1', ns, owner), configMap('bg-cm-2', ns, owner));
    await waitRunning('bg-pod');
    const deleted = await run(['delete', 'configmap', 'owner-bg', '-n', ns]);
    expect(deleted.exitCode, deleted.stderr).toBe(0);
    expect(deleted.stdout.trim()).toBe('configmap "owner-bg" deleted');
    await vi.waitFor(async () => {
      expect(await getOrNull(cmPath('bg-cm-1'))).toBeNull();
      expect(await getOrNull(cmPath('bg-cm-2'))).toBeNull();
      expect(await getOrNull(podPath('bg-pod'))).toBeNull();
    }, WAIT);
  }, 40_000);

  it('--cascade=foreground keeps the owner, marked, until its blocking dependents are gone', async () => {
    const owner = await ownerConfigMap('owner-fg');
    await apply(pod('fg-pod', ns, owner, LINGERING), configMap('fg-cm', ns, owner));
    await waitRunning('fg-pod');
    const deleted = await run(['delete', 'configmap', 'owner-fg', '-n', ns, '--cascade=foreground', '--wait=false']);
    expect(deleted.exitCode, deleted.stderr).toBe(0);
    const marked = await run(['get', 'configmap', 'owner-fg', '-n', ns, '-o', 'jsonpath={.metadata.deletionTimestamp} {.metadata.finalizers}']);
    expect(marked.exitCode, marked.stderr).toBe(0);
    expect(marked.stdout).toMatch(/^\d{4}-\d\d-\d\dT\S+ \["foregroundDeletion"\]$/);
    // Record, at every poll, that the owner never goes before its pod.
    let sawPodTerminating = false;
    let ownerWentFirst = false;
    await vi.waitFor(async () => {
      const [ownerNow, podNow] = await Promise.all([getOrNull(cmPath('owner-fg')), getOrNull(podPath('fg-pod'))]);
      if (podNow?.metadata?.deletionTimestamp) sawPodTerminating = true;
      if (podNow && !ownerNow) ownerWentFirst = true;
      expect(ownerNow).toBeNull();
    }, WAIT);
    expect(ownerWentFirst, 'the owner went before its pod').toBe(false);
    expect(sawPodTerminating).toBe(true);
    expect(await getOrNull(cmPath('fg-cm'))).toBeNull();
  }, 40_000);

  it('--cascade=orphan deletes the owner and leaves its dependents without ownerReferences', async () => {
    const owner = await ownerConfigMap('owner-or');
    await apply(pod('or-pod', ns, owner), configMap('or-cm', ns, owner));
    const deleted = await run(['delete', 'configmap', 'owner-or', '-n', ns, '--cascade=orphan']);
    expect(deleted.exitCode, deleted.stderr).toBe(0);
    expect(await getOrNull(cmPath('owner-or'))).toBeNull();
    for (const resource of ['pod/or-pod', 'configmap/or-cm']) {
      const refs = await run(['get', resource, '-n', ns, '-o', 'jsonpath={.metadata.ownerReferences}']);
      expect(refs.exitCode, refs.stderr).toBe(0);
      expect(refs.stdout, resource).toBe('');
    }
    // And they stay: nothing collects an orphan later.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await getOrNull(podPath('or-pod'))).not.toBeNull();
    expect(await getOrNull(cmPath('or-cm'))).not.toBeNull();
  }, 30_000);

  it('deleting a Deployment with each propagation policy leaves exactly what that policy promises', async () => {
    const deployment = (name: string) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: ns },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: { terminationGracePeriodSeconds: 10, containers: [{ name: 'main', image: 'busybox:1.36', command: name.endsWith('fg') ? LINGERING : ['sleep', '3600'] }] },
        },
      },
    });
    const names = { background: `dep-bg`, foreground: `dep-fg`, orphan: `dep-or` };
    await apply(...Object.values(names).map(deployment));
    for (const name of Object.values(names)) {
      const status = await run(['rollout', 'status', '-n', ns, `deployment/${name}`, '--timeout=40s']);
      expect(status.exitCode, status.stderr).toBe(0);
    }
    const rsOf = (app: string) => list(`/apis/apps/v1/namespaces/${ns}/replicasets`, `app=${app}`);
    const podsOf = (app: string) => list(`/api/v1/namespaces/${ns}/pods`, `app=${app}`);
    const deployPath = (name: string) => `/apis/apps/v1/namespaces/${ns}/deployments/${name}`;
    const orphanRs = (await rsOf(names.orphan))[0]!;
    const orphanPods = (await podsOf(names.orphan)).map((p) => p.metadata?.name).sort();

    const deletions = await Promise.all(
      Object.entries(names).map(([policy, name]) => run(['delete', 'deployment', name, '-n', ns, `--cascade=${policy}`, '--wait=false'])),
    );
    for (const d of deletions) expect(d.exitCode, d.stderr).toBe(0);

    // Foreground: the Deployment stays visible, marked, while its ReplicaSet and pods go.
    const fg = await getOrNull(deployPath(names.foreground));
    expect(fg?.metadata?.deletionTimestamp).toBeDefined();
    expect(fg?.metadata?.finalizers).toContain('foregroundDeletion');
    let deploymentWentFirst = false;
    await vi.waitFor(async () => {
      const [d, rs, pods] = await Promise.all([getOrNull(deployPath(names.foreground)), rsOf(names.foreground), podsOf(names.foreground)]);
      if (!d && (rs.length > 0 || pods.length > 0)) deploymentWentFirst = true;
      expect(d).toBeNull();
    }, WAIT);
    expect(deploymentWentFirst, 'the Deployment went before its ReplicaSet and pods').toBe(false);

    // Background: the Deployment, its ReplicaSet and its pods all go.
    await vi.waitFor(async () => {
      expect(await getOrNull(deployPath(names.background))).toBeNull();
      expect(await rsOf(names.background)).toEqual([]);
      expect(await podsOf(names.background)).toEqual([]);
    }, WAIT);

    // Orphan: the ReplicaSet stays, owned by nobody, and keeps its very pods.
    await vi.waitFor(async () => expect(await getOrNull(deployPath(names.orphan))).toBeNull(), WAIT);
    await vi.waitFor(async () => expect((await rsOf(names.orphan))[0]?.metadata?.ownerReferences).toBeUndefined(), WAIT);
    const rs = await rsOf(names.orphan);
    expect(rs.map((r) => r.metadata?.uid)).toEqual([orphanRs.metadata?.uid]);
    const pods = await podsOf(names.orphan);
    expect(pods.map((p) => p.metadata?.name).sort()).toEqual(orphanPods);
    for (const p of pods) expect(p.metadata?.ownerReferences?.map((r) => r.uid)).toEqual([orphanRs.metadata?.uid]);
  }, 90_000);

  it('kubectl delete namespace: Terminating while its pods stop, then NotFound with nothing left', async () => {
    const doomed = `doomed-${suffix}`;
    await run(['apply', '-f', '-'], namespaceManifest(doomed));
    await apply(
      pod('web', doomed, undefined, LINGERING),
      pod('worker', doomed),
      configMap('settings', doomed),
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: doomed }, spec: { selector: { suite: 'gc' }, ports: [{ port: 80 }] } },
    );
    const waited = await run(['wait', '-n', doomed, '--for=condition=Ready', 'pod/web', 'pod/worker', '--timeout=30s']);
    expect(waited.exitCode, waited.stderr).toBe(0);
    const deleted = await run(['delete', 'namespace', doomed, '--wait=false']);
    expect(deleted.exitCode, deleted.stderr).toBe(0);
    expect(deleted.stdout.trim()).toBe(`namespace "${doomed}" deleted`);
    const shown = await run(['get', 'namespace', doomed, '--no-headers']);
    expect(shown.stdout.split(/\s+/).slice(0, 2)).toEqual([doomed, 'Terminating']);
    const refused = await run(['apply', '-f', '-'], JSON.stringify(configMap('late', doomed)));
    expect(refused.exitCode).not.toBe(0);
    expect(refused.stderr).toContain(`because it is being terminated`);
    await vi.waitFor(async () => {
      const gone = await run(['get', 'namespace', doomed]);
      expect(gone.exitCode).toBe(1);
      expect(gone.stderr.trim()).toBe(`Error from server (NotFound): namespaces "${doomed}" not found`);
    }, WAIT);
    for (const path of ['pods', 'configmaps', 'services', 'endpoints']) {
      expect(await list(`/api/v1/namespaces/${doomed}/${path}`), path).toEqual([]);
    }
    expect(await list(`/apis/discovery.k8s.io/v1/namespaces/${doomed}/endpointslices`)).toEqual([]);
  }, 40_000);
});
