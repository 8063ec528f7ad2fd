// `kctl cluster up --nodes 2` with the real scheduler and kubelets: both nodes are Ready when
// `up --detach` returns, status lists every component and node, pods spread over the nodes,
// a killed kubelet comes back on the same port, and `cluster down` leaves no workload running.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { FAST_KUBELET_ARGS, startCluster } from '../harness/cluster.js';
import type { TestCluster } from '../harness/cluster.js';
import { POD_WAIT, waitForPod } from '../harness/pods.js';
import { kctl } from '../harness/run-cli.js';
import { isAlive, stopClusterAndFindLeftovers, workloadMarkers } from '../harness/workload-markers.js';
import type { WorkloadMarkers } from '../harness/workload-markers.js';

let cluster: TestCluster | undefined;
let markers: WorkloadMarkers;

function recordingPod(name: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'spread' } },
    spec: {
      containers: [
        {
          name: 'main',
          image: 'busybox:1.36',
          command: ['sh', '-c', `echo $$$$ > ${markers.dir}/${name}.pid; exec sleep 3600`],
          volumeMounts: [{ name: 'markers', mountPath: markers.dir }],
        },
      ],
      volumes: [{ name: 'markers', hostPath: { path: markers.dir } }],
    },
  });
}

describe('a two-node cluster', () => {
  beforeAll(async () => {
    markers = workloadMarkers();
    cluster = await startCluster({ nodes: 2, kubeletArgs: FAST_KUBELET_ARGS });
  }, 60_000);

  afterAll(async () => {
    // The last test stops the cluster itself; this covers a failure before it.
    const c = cluster;
    expect(await stopClusterAndFindLeftovers(c && (() => c.stop()), markers)).toEqual([]);
  }, 90_000);

  it('is Ready on every node as soon as up returns', async () => {
    const c = cluster!;
    expect(c.nodes).toHaveLength(2);
    for (const name of c.nodes) {
      const node = await c.client.get<V1Node>(`/api/v1/nodes/${name}`);
      expect(node.status?.conditions?.find((condition) => condition.type === 'Ready')?.status).toBe('True');
      expect(node.status?.addresses).toContainEqual({ type: 'InternalIP', address: '127.0.0.1' });
    }
    const ports = await Promise.all(c.nodes.map((name) => c.client.get<V1Node>(`/api/v1/nodes/${name}`)));
    const kubeletPorts = ports.map((node) => node.status?.daemonEndpoints?.kubeletEndpoint?.Port);
    expect(new Set(kubeletPorts).size).toBe(2);

    const status = await kctl(c.kubeconfig, ['cluster', 'status', '--data-dir', c.dataDir]);
    expect(status.exitCode).toBe(0);
    for (const component of ['apiserver', 'scheduler', ...c.nodes.map((n) => `kubelet-${n}`)]) {
      expect(status.stdout).toMatch(new RegExp(`^${component} +running \\(pid \\d+\\)$`, 'm'));
    }
    for (const node of c.nodes) expect(status.stdout).toMatch(new RegExp(`^node/${node} +Ready$`, 'm'));
  });

  it('spreads pods over both nodes and brings a killed kubelet back on the same port', async () => {
    const c = cluster!;
    for (const name of ['spread-1', 'spread-2', 'spread-3', 'spread-4']) {
      const applied = await kctl(c.kubeconfig, ['apply', '-f', '-'], recordingPod(name));
      expect(applied.exitCode, applied.stderr).toBe(0);
    }
    const nodesUsed = new Set<string>();
    for (const name of ['spread-1', 'spread-2', 'spread-3', 'spread-4']) {
      const pod: V1Pod = await waitForPod(c.client, name, (p) => expect(p.status?.phase).toBe('Running'));
      nodesUsed.add(pod.spec?.nodeName ?? '');
    }
    expect([...nodesUsed].sort()).toEqual([...c.nodes].sort());

    const second = `kubelet-${c.nodes[1]}`;
    const before = c.pidOf(second);
    const endpoint = (await c.client.get<V1Node>(`/api/v1/nodes/${c.nodes[1]}`)).status?.daemonEndpoints?.kubeletEndpoint?.Port;
    process.kill(before, 'SIGKILL');
    await vi.waitFor(() => {
      expect(c.pidOf(second)).not.toBe(before);
      expect(isAlive(c.pidOf(second))).toBe(true);
    }, POD_WAIT);
    const node = await c.client.get<V1Node>(`/api/v1/nodes/${c.nodes[1]}`);
    expect(node.status?.daemonEndpoints?.kubeletEndpoint?.Port).toBe(endpoint);
  });

  it('stops every workload on cluster down', async () => {
    const c = cluster!;
    const pids = markers.allPids();
    expect(pids.length).toBeGreaterThanOrEqual(4);
    expect(pids.filter(isAlive)).toEqual(pids);
    cluster = undefined;
    await c.stop();
    expect(pids.filter(isAlive)).toEqual([]);
  });
});
