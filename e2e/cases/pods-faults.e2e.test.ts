// Fault tests (issue 3): SIGKILL the kubelet while pods run (the workloads keep running and the
// restarted kubelet reports correct statuses, including an exit that happened while it was
// down), SIGKILL the API server (kubelet and scheduler resume without missing a pod created
// after the restart), SIGKILL the scheduler mid-way through 100 pending pods (each pod bound
// exactly once). The supervisor restarts each killed component on its own.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { V1Pod } from '@kubernetes/client-node';
import { FAST_KUBELET_ARGS, startCluster } from '../harness/cluster.js';
import type { TestCluster } from '../harness/cluster.js';
import { containerStatus, podFixture, POD_WAIT, waitForPod } from '../harness/pods.js';
import { kctl } from '../harness/run-cli.js';
import { isAlive, stopClusterAndFindLeftovers, workloadMarkers } from '../harness/workload-markers.js';
import type { WorkloadMarkers } from '../harness/workload-markers.js';

let cluster: TestCluster;
let markers: WorkloadMarkers;

async function apply(manifest: string): Promise<void> {
  const result = await kctl(cluster.kubeconfig, ['apply', '-f', '-'], manifest);
  expect(result.exitCode, result.stderr).toBe(0);
}

/** Kills a component by the pid in run/ and resolves once the supervisor runs a new one. */
async function killAndAwaitRestart(component: string): Promise<void> {
  const before = cluster.pidOf(component);
  process.kill(before, 'SIGKILL');
  await vi.waitFor(() => {
    const after = cluster.pidOf(component);
    expect(after).not.toBe(before);
    expect(isAlive(after)).toBe(true);
  }, POD_WAIT);
}

/** A restarted API server runs before it listens: wait until it serves again. */
async function awaitApiServing(): Promise<void> {
  await vi.waitFor(async () => expect((await cluster.client.raw('GET', '/readyz')).status).toBe(200), POD_WAIT);
}

function sleeper(name: string): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { batch: 'faults' } },
    spec: { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }] },
  };
}

describe('fault tolerance with pods running', () => {
  beforeAll(async () => {
    markers = workloadMarkers();
    cluster = await startCluster({ nodes: 1, kubeletArgs: FAST_KUBELET_ARGS });
  }, 60_000);

  afterAll(async () => {
    const leftovers = await stopClusterAndFindLeftovers(cluster && (() => cluster.stop()), markers);
    expect(leftovers).toEqual([]);
  }, 90_000);

  it('keeps workloads running through a kubelet SIGKILL and reports an exit that happened meanwhile', async () => {
    writeFileSync(join(markers.dir, 'keep-running'), '');
    await apply(podFixture('hello.yaml', markers.dir));
    await apply(podFixture('exit-while-kubelet-down.yaml', markers.dir));
    for (const name of ['hello', 'exits-later']) {
      await waitForPod(cluster.client, name, (p) => expect(containerStatus(p, 'main')?.state?.running).toBeDefined());
    }
    const helloPid = markers.pid('hello')!;
    const exitingPid = markers.pid('exits-later')!;
    const kubelet = cluster.pidOf(`kubelet-${cluster.nodes[0]}`);
    const helloBefore = await waitForPod(cluster.client, 'hello', () => {});

    process.kill(kubelet, 'SIGKILL');
    // While no kubelet runs: the container exits 7 on cue.
    rmSync(join(markers.dir, 'keep-running'));
    await vi.waitFor(() => expect(isAlive(exitingPid)).toBe(false), POD_WAIT);
    expect(isAlive(helloPid)).toBe(true);

    await vi.waitFor(() => expect(cluster.pidOf(`kubelet-${cluster.nodes[0]}`)).not.toBe(kubelet), POD_WAIT);
    const exited = await waitForPod(cluster.client, 'exits-later', (p) => expect(p.status?.phase).toBe('Failed'));
    expect(containerStatus(exited, 'main')?.state?.terminated).toMatchObject({ exitCode: 7, reason: 'Error' });
    // Re-adopted, not restarted: same process, same container, no restart counted.
    const helloAfter = await waitForPod(cluster.client, 'hello', (p) => expect(p.status?.phase).toBe('Running'));
    expect(isAlive(helloPid)).toBe(true);
    expect(containerStatus(helloAfter, 'main')?.containerID).toBe(containerStatus(helloBefore, 'main')?.containerID);
    expect(containerStatus(helloAfter, 'main')?.restartCount).toBe(0);
  });

  it('resumes after an API server SIGKILL without missing a pod created after the restart', async () => {
    await killAndAwaitRestart('apiserver');
    await awaitApiServing();
    // The kubelet's and scheduler's watches broke; a pod created now must still be scheduled and run.
    await apply(JSON.stringify(sleeper('after-api-restart')));
    const pod = await waitForPod(cluster.client, 'after-api-restart', (p) => expect(p.status?.phase).toBe('Running'));
    expect(pod.spec?.nodeName).toBe(cluster.nodes[0]);
  });

  it('binds each of 100 pending pods exactly once across a scheduler SIGKILL', async () => {
    const names = Array.from({ length: 100 }, (_, i) => `batch-${String(i).padStart(3, '0')}`);
    const start = await cluster.client.get<{ metadata: { resourceVersion?: string } }>('/api/v1/namespaces/default/pods');
    // Every nodeName each pod ever had, straight from a watch: a second binding would show here.
    const history = new Map<string, string[]>();
    const watching = new AbortController();
    const watcher = (async () => {
      const stream = cluster.client.watch<V1Pod>('/api/v1/namespaces/default/pods', {
        resourceVersion: start.metadata.resourceVersion, labelSelector: 'batch=faults',
      }, { signal: watching.signal });
      for await (const event of stream) {
        const name = event.object.metadata?.name ?? '';
        const nodes = history.get(name) ?? [];
        const nodeName = event.object.spec?.nodeName;
        if (nodeName && nodes.at(-1) !== nodeName) nodes.push(nodeName);
        history.set(name, nodes);
      }
    })().catch(() => undefined);
    // Created straight through the API so the scheduler is still busy when it is killed.
    const creating = Promise.all(names.map((name) => cluster.client.create('/api/v1/namespaces/default/pods', sleeper(name))));
    await vi.waitFor(() => expect([...history.values()].some((nodes) => nodes.length > 0)).toBe(true), POD_WAIT);
    await killAndAwaitRestart('scheduler');
    await creating;

    await vi.waitFor(async () => {
      const pods = await listBatch();
      expect(pods.filter((p) => !p.spec?.nodeName).map((p) => p.metadata?.name)).toEqual([]);
    }, { ...POD_WAIT, timeout: 90_000 });
    watching.abort();
    await watcher;
    expect([...history.keys()].sort()).toEqual(names);
    for (const [name, nodes] of history) expect(nodes, name).toHaveLength(1);
    // The scheduler's own record agrees: never two Scheduled events for one pod (a killed
    // scheduler may lose an unsent event, so fewer than 100 is allowed).
    const events = await cluster.client.get<{ items: Array<{ count?: number; involvedObject?: { name?: string } }> }>(
      '/api/v1/namespaces/default/events', { fieldSelector: 'reason=Scheduled' },
    );
    const perPod = new Map<string, number>();
    for (const event of events.items) {
      const name = event.involvedObject?.name ?? '';
      if (name.startsWith('batch-')) perPod.set(name, (perPod.get(name) ?? 0) + (event.count ?? 1));
    }
    expect([...perPod.values()].filter((count) => count > 1)).toEqual([]);
    await cluster.client.request('DELETE', '/api/v1/namespaces/default/pods', { query: { labelSelector: 'batch=faults', gracePeriodSeconds: 0 } });
  }, 150_000);
});

async function listBatch(): Promise<V1Pod[]> {
  const list = await cluster.client.get<{ items: V1Pod[] }>('/api/v1/namespaces/default/pods', { labelSelector: 'batch=faults' });
  return list.items.filter((p) => p.metadata?.name?.startsWith('batch-'));
}
