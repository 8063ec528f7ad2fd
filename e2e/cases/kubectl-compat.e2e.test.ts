// The same commands through kctl and through the real kubectl give the same tables, the same
// JSONPath results and the same messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCluster } from '../harness/cluster.js';
import type { TestCluster } from '../harness/cluster.js';
import { hasKubectl, kctl, kubectl } from '../harness/run-cli.js';
import { KCTL_BIN, KUBECTL } from '../harness/paths.js';
import { waitUntil } from '../harness/wait-until.js';

const APP = fileURLToPath(new URL('../fixtures/app.yaml', import.meta.url));

let cluster: TestCluster;
let dir: string;

/** Ages tick between two commands; everything else must match exactly. */
function normalizeAges(text: string): string {
  return text.replace(/\b(\d+[smhdy])+\b/g, '<age>').replace(/<age>\s+/g, '<age> ');
}

async function both(args: string[]) {
  const ours = await kctl(cluster.kubeconfig, args);
  const theirs = await kubectl(cluster.kubeconfig, args);
  return { ours, theirs };
}

async function expectSameOutput(args: string[]) {
  const { ours, theirs } = await both(args);
  expect(normalizeAges(ours.stdout), `kctl ${args.join(' ')}`).toBe(normalizeAges(theirs.stdout));
  expect(ours.exitCode).toBe(theirs.exitCode);
  return ours;
}

beforeAll(async () => {
  cluster = await startCluster();
  dir = await mkdtemp(join(tmpdir(), 'kctl-compat-'));
});

afterAll(async () => {
  await cluster?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!hasKubectl)('kctl and the real kubectl agree', () => {
  it('kubectl apply creates, kctl apply sees it unchanged', async () => {
    const created = await kubectl(cluster.kubeconfig, ['apply', '-f', APP]);
    expect(created.stderr).toBe('');
    expect(created.stdout.split('\n')).toEqual([
      'namespace/shop created',
      'deployment.apps/web created',
      'service/web created',
      'configmap/settings created',
      'pod/solo created',
    ]);
    const again = await kctl(cluster.kubeconfig, ['apply', '-f', APP]);
    expect(again.stdout.split('\n')).toEqual([
      'namespace/shop unchanged',
      'deployment.apps/web unchanged',
      'service/web unchanged',
      'configmap/settings unchanged',
      'pod/solo unchanged',
    ]);
    const kubectlAgain = await kubectl(cluster.kubeconfig, ['apply', '-f', APP]);
    expect(kubectlAgain.stdout).toBe(again.stdout);
  });

  it.each([
    [['get', 'pods', '-n', 'shop']],
    [['get', 'pods', '-n', 'shop', '-o', 'wide']],
    [['get', 'deployments', '-n', 'shop']],
    [['get', 'deploy', '-n', 'shop', '-o', 'wide']],
    [['get', 'svc', '-n', 'shop', '-o', 'wide']],
    [['get', 'configmaps', '-n', 'shop']],
    [['get', 'namespaces']],
    [['get', 'ns', '--show-labels']],
    [['get', 'pods', '-A']],
    [['get', 'pods', '-n', 'shop', '--show-labels']],
    [['get', 'pods', '-n', 'shop', '-L', 'app,tier']],
    [['get', 'pods,cm', '-n', 'shop']],
    [['get', 'all', '-n', 'shop']],
    [['get', 'pods', '-n', 'shop', '--no-headers']],
    [['get', 'pods', '-n', 'shop', '-l', 'tier=backend']],
    [['get', 'cm', '-n', 'shop', '--field-selector', 'metadata.name=settings']],
    [['get', 'cm', '-n', 'shop', '--sort-by', '.metadata.name']],
    [['get', 'pod', 'solo', '-n', 'shop']],
    [['get', 'pods', '-n', 'shop', '-o', 'name']],
    [['get', 'deploy', 'web', '-n', 'shop', '-o', 'yaml']],
    [['get', 'ns', '-o', 'yaml']],
    [['get', 'svc', '-n', 'shop', '-o', 'json']],
    [['get', 'pod', 'solo', '-n', 'shop', '-o', 'jsonpath={.metadata.name} {.spec.containers[0].image} {.metadata.labels}']],
    [['get', 'cm', '-n', 'shop', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.data.mode}{"\\n"}{end}']],
    [['get', 'deploy', 'web', '-n', 'shop', '-o', 'jsonpath={.spec.replicas} {.spec.strategy.rollingUpdate.maxSurge}']],
    [['get', 'pods', '-n', 'shop', '-o', 'custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image']],
    [['api-resources']],
    [['api-versions']],
  ])('%j', async (args) => {
    await expectSameOutput(args);
  });

  it('prints the same JSON for -o json (up to key order)', async () => {
    const { ours, theirs } = await both(['get', 'cm', 'settings', '-n', 'shop', '-o', 'json']);
    expect(JSON.parse(ours.stdout)).toEqual(JSON.parse(theirs.stdout));
  });

  it('reports errors with the same words', async () => {
    for (const args of [
      ['get', 'pod', 'nope', '-n', 'shop'],
      ['get', 'widgets'],
      ['delete', 'cm', 'nope', '-n', 'shop'],
    ]) {
      const { ours, theirs } = await both(args);
      expect(ours.stderr.replaceAll('kctl', 'kubectl'), args.join(' ')).toBe(theirs.stderr);
      expect(ours.exitCode).toBe(theirs.exitCode);
    }
  });

  it('applies server-side, creates, conflicts on create and deletes with the same messages', async () => {
    const extra = join(dir, 'extra.yaml');
    await writeFile(extra, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  namespace: shop\ndata:\n  a: "1"\n');
    const created = await kubectl(cluster.kubeconfig, ['create', '-f', extra]);
    expect(created.stdout).toBe('configmap/extra created');
    const { ours, theirs } = await both(['create', '-f', extra]);
    expect(ours.stderr).toBe(theirs.stderr);
    expect(theirs.stderr).toContain('AlreadyExists');
    const ssa = await kubectl(cluster.kubeconfig, ['apply', '--server-side', '-f', extra]);
    expect(ssa.stdout).toBe('configmap/extra serverside-applied');
    const ssaOurs = await kctl(cluster.kubeconfig, ['apply', '--server-side', '-f', extra]);
    expect(ssaOurs.stdout).toBe('configmap/extra serverside-applied');
    const deleted = await kubectl(cluster.kubeconfig, ['delete', '-f', extra]);
    expect(deleted.stdout).toBe('configmap "extra" deleted');
  });

  it('kubectl apply of a changed manifest patches it (strategic merge), kctl sees it unchanged', async () => {
    const changed = join(dir, 'changed.yaml');
    await writeFile(changed, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\n  labels:\n    tier: frontend\ndata:\n  mode: slow\n');
    const r = await kubectl(cluster.kubeconfig, ['apply', '-f', changed]);
    expect(r.stdout).toBe('configmap/settings configured');
    const cm = await cluster.client.get<{ data: Record<string, string>; metadata: { labels: Record<string, string> } }>('/api/v1/namespaces/shop/configmaps/settings');
    expect(cm.data).toEqual({ mode: 'slow' });
    expect(cm.metadata.labels).toEqual({ tier: 'frontend' });
    expect((await kctl(cluster.kubeconfig, ['apply', '-f', changed])).stdout).toBe('configmap/settings unchanged');
  });

  it('kubectl describe and kctl describe agree', async () => {
    await cluster.client.create('/api/v1/nodes', NODE);
    await cluster.client.create('/apis/apps/v1/namespaces/shop/replicasets', REPLICASET);
    const solo = await cluster.client.get<{ metadata: { uid: string } }>('/api/v1/namespaces/shop/pods/solo');
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
    await cluster.client.create('/api/v1/namespaces/shop/events', {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'solo.1' },
      involvedObject: { kind: 'Pod', namespace: 'shop', name: 'solo', uid: solo.metadata.uid, apiVersion: 'v1' },
      reason: 'Scheduled',
      message: 'Successfully assigned shop/solo to node-1',
      type: 'Normal',
      source: { component: 'default-scheduler' },
      count: 3,
      firstTimestamp: iso(now - 300_000),
      lastTimestamp: iso(now - 120_000),
    });
    for (const args of [
      ['describe', 'node', 'node-1'],
      ['describe', 'replicaset', 'web-rs', '-n', 'shop'],
      ['get', 'nodes', '-o', 'wide'],
      ['get', 'events', '-n', 'shop'],
      ['describe', 'namespace', 'shop'],
      ['describe', 'configmap', 'settings', '-n', 'shop'],
      ['describe', 'service', 'web', '-n', 'shop'],
      ['describe', 'pod', 'solo', '-n', 'shop'],
      ['describe', 'deployment', 'web', '-n', 'shop'],
    ]) {
      const { ours, theirs } = await both(args);
      expect(theirs.exitCode, theirs.stderr).toBe(0);
      expect(normalizeAges(ours.stdout), args.join(' ')).toBe(normalizeAges(theirs.stdout));
    }
  });

  it('kubectl get -w streams changes until the client leaves', async () => {
    const child = spawn(KUBECTL, ['get', 'configmaps', '-n', 'shop', '-w'], { env: { KUBECONFIG: cluster.kubeconfig, HOME: dir } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await waitUntil(() => out.includes('settings'));
      await cluster.client.create('/api/v1/namespaces/shop/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'watched' } });
      await waitUntil(() => out.includes('watched'));
      await new Promise((r) => setTimeout(r, 300));
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('kctl get -w prints the same rows kubectl does as objects change', async () => {
    const watchers = [KUBECTL, process.execPath].map((command) => {
      const args = command === KUBECTL ? ['get', 'configmaps', '-n', 'shop', '-w'] : [KCTL_BIN, 'get', 'configmaps', '-n', 'shop', '-w'];
      const child = spawn(command, args, { env: { KUBECONFIG: cluster.kubeconfig, HOME: dir } });
      const state = { out: '' };
      child.stdout.on('data', (d: Buffer) => (state.out += d.toString()));
      return { child, state };
    });
    try {
      await waitUntil(() => watchers.every((w) => w.state.out.includes('settings')));
      await cluster.client.create('/api/v1/namespaces/shop/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'watched-2' }, data: { a: 'b' } });
      await cluster.client.delete('/api/v1/namespaces/shop/configmaps/watched-2');
      await waitUntil(() => watchers.every((w) => (w.state.out.match(/watched-2/g) ?? []).length === 2));
      const [theirs, ours] = watchers.map((w) => normalizeAges(w.state.out));
      expect(ours).toBe(theirs);
    } finally {
      for (const w of watchers) w.child.kill('SIGTERM');
    }
  });

  it('kctl delete waits for a terminating pod, kctl wait --for=delete returns when it goes', async () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bound-2' }, spec: { nodeName: 'node-x', containers: [{ name: 'c', image: 'busybox', command: ['sleep', '1'] }] } };
    await cluster.client.create('/api/v1/namespaces/shop/pods', pod);
    const deleting = kctl(cluster.kubeconfig, ['delete', 'pod', 'bound-2', '-n', 'shop', '--timeout=20s']);
    const waiting = kctl(cluster.kubeconfig, ['wait', '--for=delete', 'pod/bound-2', '-n', 'shop', '--timeout=20s']);
    await new Promise((r) => setTimeout(r, 500));
    const marked = await cluster.client.get<{ metadata: { deletionTimestamp?: string } }>('/api/v1/namespaces/shop/pods/bound-2');
    expect(marked.metadata.deletionTimestamp).toBeDefined();
    await cluster.client.delete('/api/v1/namespaces/shop/pods/bound-2', { gracePeriodSeconds: 0 });
    const [deleted, waited] = await Promise.all([deleting, waiting]);
    expect(deleted.stdout).toBe('pod "bound-2" deleted');
    expect(deleted.exitCode).toBe(0);
    expect(waited.stdout).toBe('pod/bound-2 condition met');
  });

  it('kubectl delete waits for a terminating pod and kubectl wait --for=delete returns when it goes', async () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bound' }, spec: { nodeName: 'node-x', containers: [{ name: 'c', image: 'busybox', command: ['sleep', '1'] }] } };
    await cluster.client.create('/api/v1/namespaces/shop/pods', pod);
    const del = await kubectl(cluster.kubeconfig, ['delete', 'pod', 'bound', '-n', 'shop', '--wait=false']);
    expect(del.stdout).toBe('pod "bound" deleted');
    const marked = await cluster.client.get<{ metadata: { deletionTimestamp?: string } }>('/api/v1/namespaces/shop/pods/bound');
    expect(marked.metadata.deletionTimestamp).toBeDefined();
    const waiting = kubectl(cluster.kubeconfig, ['wait', '--for=delete', 'pod/bound', '-n', 'shop', '--timeout=20s']);
    await new Promise((r) => setTimeout(r, 500));
    // What a kubelet does once the containers stopped: delete with grace period 0.
    await cluster.client.delete('/api/v1/namespaces/shop/pods/bound', { gracePeriodSeconds: 0 });
    const waited = await waiting;
    expect(waited.exitCode).toBe(0);
    expect(waited.stdout).toBe('pod/bound condition met');
    const gone = await kubectl(cluster.kubeconfig, ['delete', 'pod', 'solo', '-n', 'shop']);
    expect(gone.stdout).toBe('pod "solo" deleted');
  });

  it('kubectl version reports our server as 1.32', async () => {
    const r = await kubectl(cluster.kubeconfig, ['version']);
    expect(r.stdout).toContain('Server Version: v1.32.0');
    expect(r.stderr).not.toContain('WARNING');
  });
});

const NODE = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1', 'node-role.kubernetes.io/control-plane': '' } },
  spec: { podCIDR: '10.244.1.0/24' },
  status: {
    capacity: { cpu: '2', memory: '4Gi', pods: '110' },
    allocatable: { cpu: '1900m', memory: '3800Mi', pods: '110' },
    addresses: [{ type: 'InternalIP', address: '10.0.0.5' }, { type: 'Hostname', address: 'node-1' }],
    conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:00:00Z' }],
    nodeInfo: { kubeletVersion: 'v1.32.0-kctl', osImage: 'Debian GNU/Linux 12', kernelVersion: '6.1.0', containerRuntimeVersion: 'process://0.1.0', architecture: 'amd64', operatingSystem: 'linux', machineID: 'm', systemUUID: 's', bootID: 'b', kubeProxyVersion: '' },
  },
};

const REPLICASET = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web-rs', labels: { app: 'rs' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'rs' } },
    template: { metadata: { labels: { app: 'rs' } }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', env: [{ name: 'A', value: '1' }] }] } },
  },
};
