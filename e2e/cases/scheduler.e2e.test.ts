// The scheduler as its own process against the real API server: pods get bound and spread, a pod
// that fits nowhere gets PodScheduled=False and a FailedScheduling event and is bound once a node
// that fits appears, the scheduler survives an API server SIGKILL, and a scheduler SIGKILLed
// mid-way through 100 pending pods binds every one exactly once after it restarts.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { ApiClient, connectionFromKubeconfig, loadKubeconfig } from '@kctl/shared';
import type { Event, KubernetesList, Node, Pod, WatchEvent } from '@kctl/shared';
import { startApiServer } from '../harness/api-server-process.js';
import type { ApiServerProcess } from '../harness/api-server-process.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let api: ApiServerProcess;
let client: ApiClient;
let bundleDir: string;
let schedulerBundle: string;
let scheduler: ChildProcess | undefined;

/** Bundles the scheduler from source, as scripts/bundle.mjs does, so the test never runs a stale build. */
async function bundleScheduler(): Promise<string> {
  bundleDir = await mkdtemp(join(tmpdir(), 'kctl-scheduler-bundle-'));
  const outfile = join(bundleDir, 'kctl-scheduler.mjs');
  await build({
    entryPoints: [join(ROOT, 'packages/scheduler/src/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['kctl-source'],
    banner: { js: "import { createRequire as __kctlCreateRequire } from 'node:module'; const require = __kctlCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return outfile;
}

function startScheduler(): ChildProcess {
  const args = ['--kubeconfig', api.kubeconfig, '--log-level', 'warn', '--pod-initial-backoff-seconds', '0.1', '--pod-max-backoff-seconds', '0.5'];
  args.push('--watch-reconnect-initial-seconds', '0.1', '--watch-reconnect-max-seconds', '0.5');
  return spawn(process.execPath, [schedulerBundle, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

async function stopScheduler(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  const child = scheduler;
  scheduler = undefined;
  if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill(signal);
  return exited;
}

const pods = (selector: string) => client.get<KubernetesList<Pod>>('/api/v1/namespaces/default/pods', { labelSelector: selector }).then((l) => l.items);

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function node(name: string, cpu: string, ready = 'True'): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    status: { capacity: { cpu, memory: '8Gi', pods: '110' }, allocatable: { cpu, memory: '8Gi', pods: '110' }, conditions: [{ type: 'Ready', status: ready }] },
  } as Node;
}

function pod(name: string, labels: Record<string, string>, extra: Record<string, unknown> = {}): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels, ...extra }, spec: { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] } } as Pod;
}

beforeAll(async () => {
  [api, schedulerBundle] = await Promise.all([startApiServer(), bundleScheduler()]);
  client = new ApiClient(connectionFromKubeconfig(loadKubeconfig(api.kubeconfig)));
  for (const n of [node('node-a', '4'), node('node-b', '4'), node('node-c', '4', 'False')]) await client.create('/api/v1/nodes', n);
  scheduler = startScheduler();
});

afterAll(async () => {
  await stopScheduler();
  client?.close();
  await api?.stop();
  if (bundleDir) await rm(bundleDir, { recursive: true, force: true });
});

describe('kctl-scheduler', () => {
  it('binds pods to Ready nodes only, spreading the pods of one owner, with a Scheduled event', async () => {
    const owner = { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-rs', uid: '5a7f1d0e-0000-4000-8000-000000000001', controller: true }] };
    for (let i = 0; i < 6; i++) await client.create('/api/v1/namespaces/default/pods', pod(`web-${i}`, { app: 'web' }, owner));
    const bound = await until('6 bound pods', async () => {
      const items = await pods('app=web');
      return items.every((p) => p.spec?.nodeName) && items.length === 6 && items;
    });
    const perNode = new Map<string, number>();
    for (const p of bound) perNode.set(p.spec!.nodeName!, (perNode.get(p.spec!.nodeName!) ?? 0) + 1);
    expect(Object.fromEntries(perNode)).toEqual({ 'node-a': 3, 'node-b': 3 });
    const events = await until('the Scheduled event', async () => {
      const list = await client.get<KubernetesList<Event>>('/api/v1/namespaces/default/events', { fieldSelector: 'involvedObject.name=web-0,reason=Scheduled' });
      return list.items.length > 0 && list.items;
    });
    expect(events[0]).toMatchObject({
      type: 'Normal',
      message: `Successfully assigned default/web-0 to ${bound.find((p) => p.metadata?.name === 'web-0')!.spec!.nodeName}`,
      source: { component: 'default-scheduler' },
      reportingComponent: 'default-scheduler',
      involvedObject: { kind: 'Pod', name: 'web-0', namespace: 'default' },
    });
  });

  it('leaves pods for another scheduler alone', async () => {
    await client.create('/api/v1/namespaces/default/pods', { ...pod('other-sched', { app: 'other' }), spec: { schedulerName: 'someone-else', containers: [{ name: 'c', image: 'x', command: ['sleep', '1'] }] } });
    await new Promise((r) => setTimeout(r, 500));
    expect((await pods('app=other'))[0]?.spec?.nodeName).toBeUndefined();
  });

  it('marks a pod that fits nowhere Unschedulable with an event, and binds it when a node that fits appears', async () => {
    const big = pod('big', { app: 'big' });
    big.spec!.containers[0]!.resources = { requests: { cpu: '16' } };
    await client.create('/api/v1/namespaces/default/pods', big);
    const expected =
      '0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 2 Insufficient cpu. ' +
      'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';
    const condition = await until('PodScheduled=False', async () => {
      const [p] = await pods('app=big');
      return p?.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
    });
    expect(condition).toMatchObject({ reason: 'Unschedulable', message: expected });
    const failed = await until('the FailedScheduling event', async () => {
      const list = await client.get<KubernetesList<Event>>('/api/v1/namespaces/default/events', { fieldSelector: 'involvedObject.name=big,reason=FailedScheduling' });
      return list.items[0];
    });
    expect(failed).toMatchObject({ type: 'Warning', message: expected, source: { component: 'default-scheduler' }, reportingComponent: 'default-scheduler', involvedObject: { kind: 'Pod', name: 'big' } });

    await client.create('/api/v1/nodes', node('node-big', '32'));
    const [placed] = await until('big bound', async () => {
      const items = await pods('app=big');
      return items[0]?.spec?.nodeName ? items : undefined;
    });
    expect(placed?.spec?.nodeName).toBe('node-big');
  });

  it('keeps scheduling after the API server is SIGKILLed and restarted', async () => {
    await api.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    await api.restart();
    await client.create('/api/v1/namespaces/default/pods', pod('after-restart', { app: 'after-restart' }));
    const [p] = await until('the pod bound after the restart', async () => {
      const items = await pods('app=after-restart');
      return items[0]?.spec?.nodeName ? items : undefined;
    });
    expect(p?.spec?.nodeName).toMatch(/^node-(a|b|big)$/);
  });

  it('binds every one of 100 pending pods exactly once across a scheduler SIGKILL', async () => {
    await stopScheduler();
    const start = await client.get<KubernetesList>('/api/v1/namespaces/default/pods');
    // Record every nodeName each pod ever had, straight from a watch.
    const history = new Map<string, string[]>();
    const watching = new AbortController();
    const watcher = (async () => {
      const stream = client.watch<Pod>('/api/v1/namespaces/default/pods', { resourceVersion: start.metadata.resourceVersion, labelSelector: 'app=batch' }, { signal: watching.signal });
      for await (const event of stream as AsyncGenerator<WatchEvent<Pod>>) {
        const name = event.object.metadata?.name ?? '';
        const nodes = history.get(name) ?? [];
        const nodeName = event.object.spec?.nodeName;
        if (nodeName && nodes.at(-1) !== nodeName) nodes.push(nodeName);
        history.set(name, nodes);
      }
    })();
    await Promise.all(Array.from({ length: 100 }, (_, i) => client.create('/api/v1/namespaces/default/pods', pod(`batch-${i}`, { app: 'batch' }))));

    scheduler = startScheduler();
    await until('the first bindings', async () => [...history.values()].some((n) => n.length > 0), 20_000);
    expect(await stopScheduler('SIGKILL')).toBeNull();
    const boundBeforeKill = [...history.values()].filter((n) => n.length > 0).length;

    scheduler = startScheduler();
    await until('all 100 bound', async () => (await pods('app=batch')).every((p) => p.spec?.nodeName) || undefined, 30_000);
    watching.abort();
    await watcher;
    expect(boundBeforeKill).toBeGreaterThan(0);
    expect(history.size).toBe(100);
    for (const [name, nodes] of history) expect(nodes, name).toHaveLength(1);
    const scheduled = await client.get<KubernetesList<Event>>('/api/v1/namespaces/default/events', { fieldSelector: 'reason=Scheduled' });
    const perPod = new Map<string, number>();
    for (const e of scheduled.items) if (e.involvedObject.name?.startsWith('batch-')) perPod.set(e.involvedObject.name, (perPod.get(e.involvedObject.name) ?? 0) + (e.count ?? 1));
    expect(Math.max(...perPod.values())).toBe(1);
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await stopScheduler('SIGTERM')).toBe(0);
  });
});
