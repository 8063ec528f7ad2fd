// A node failure as Kubernetes handles it, judged by the real kubectl: on a two-node cluster the
// second node's kubelet is SIGKILLed and kept down (`kctl cluster stop-node`); within the node
// monitor grace period the node is NotReady with Unknown conditions and the unreachable taints,
// its pods that tolerate that for 2 s are marked for deletion (Terminating: nobody is left to
// finish it) while their containers keep running, and a Deployment spread over both nodes gets
// replacements Running on the healthy node; `kctl cluster start-node` brings the node back
// Ready, untainted, and its kubelet cleans the evicted pods up.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FAST_KUBELET_ARGS, startCluster } from '../harness/cluster.js';
import type { TestCluster } from '../harness/cluster.js';
import { waitForPodGone } from '../harness/pods.js';
import { hasKubectl, kctl, kubectl } from '../harness/run-cli.js';
import { isAlive, stopClusterAndFindLeftovers, workloadMarkers } from '../harness/workload-markers.js';
import type { WorkloadMarkers } from '../harness/workload-markers.js';

const GRACE_SECONDS = 4;
const UNREACHABLE = 'node.kubernetes.io/unreachable';
/** Grace period, toleration and a loaded CI machine's slack. */
const FAILURE_WAIT = { timeout: 20_000, interval: 250 } as const;

let cluster: TestCluster | undefined;
let markers: WorkloadMarkers;

const run = (args: string[], input?: string) => kubectl(cluster!.kubeconfig, args, input);

/** A pod bound to `node` that records its container's pid, with the given tolerations. */
function pinnedPod(name: string, node: string, tolerations: object[]): object {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { test: 'node-failure' } },
    spec: {
      nodeName: node,
      terminationGracePeriodSeconds: 1,
      tolerations,
      containers: [{
        name: 'main',
        image: 'busybox:1.36',
        command: ['sh', '-c', `echo $$$$ > ${markers.dir}/${name}.pid; exec sleep 3600`],
        volumeMounts: [{ name: 'markers', mountPath: markers.dir }],
      }],
      volumes: [{ name: 'markers', hostPath: { path: markers.dir } }],
    },
  };
}

/** Four replicas that leave an unreachable node after 2 s, spread over the nodes by the scheduler. */
function deployment(): object {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 4,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          terminationGracePeriodSeconds: 1,
          tolerations: [{ key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 2 }],
          containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }],
        },
      },
    },
  };
}

interface PodRow {
  name: string;
  status: string;
  node: string;
}

/** `kubectl get pods -o wide` rows. */
async function podRows(selector: string): Promise<PodRow[]> {
  const table = await run(['get', 'pods', '-l', selector, '-o', 'wide', '--no-headers']);
  return table.stdout.split('\n').filter(Boolean).map((row) => {
    const [name = '', , status = '', , , , node = ''] = row.split(/\s+/);
    return { name, status, node };
  });
}

async function podStatuses(): Promise<Map<string, string>> {
  return new Map((await podRows('test=node-failure')).map((row) => [row.name, row.status]));
}

describe.skipIf(!hasKubectl)('a failed node', () => {
  beforeAll(async () => {
    markers = workloadMarkers();
    cluster = await startCluster({
      nodes: 2,
      kubeletArgs: FAST_KUBELET_ARGS,
      controllerManagerArgs: [`--node-monitor-grace-period=${GRACE_SECONDS}`],
    });
  }, 60_000);

  afterAll(async () => {
    const c = cluster;
    expect(await stopClusterAndFindLeftovers(c && (() => c.stop()), markers)).toEqual([]);
  }, 90_000);

  it('goes NotReady and tainted, its pods are evicted by their tolerations, and it comes back clean', async () => {
    const c = cluster!;
    const node = c.nodes[1]!;
    const brief = [{ key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 2 }];
    const pods = [pinnedPod('brief-1', node, brief), pinnedPod('brief-2', node, brief), pinnedPod('stays', node, [{ operator: 'Exists' }])];
    const applied = await run(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [...pods, deployment()] }));
    expect(applied.exitCode, applied.stderr).toBe(0);
    const ready = await run(['wait', '--for=condition=Ready', 'pod/brief-1', 'pod/brief-2', 'pod/stays', '--timeout=30s']);
    expect(ready.exitCode, ready.stderr).toBe(0);
    const rolledOut = await run(['rollout', 'status', 'deployment/web', '--timeout=30s']);
    expect(rolledOut.exitCode, rolledOut.stderr).toBe(0);
    const spread = await podRows('app=web');
    expect(new Set(spread.map((row) => row.node)), 'the Deployment uses both nodes').toEqual(new Set(c.nodes));
    const webOnFailedNode = spread.filter((row) => row.node === node).map((row) => row.name);

    // The kubelet dies; stop-node keeps the supervisor from restarting it.
    process.kill(c.pidOf(`kubelet-${node}`), 'SIGKILL');
    const stopped = await kctl(c.kubeconfig, ['cluster', 'stop-node', node, '--data-dir', c.dataDir]);
    expect(stopped.exitCode, stopped.stderr).toBe(0);
    expect(stopped.stdout).toContain(`Node "${node}" stopped`);

    await vi.waitFor(async () => {
      const row = await run(['get', 'node', node, '--no-headers']);
      expect(row.stdout.split(/\s+/)[1]).toBe('NotReady');
    }, FAILURE_WAIT);
    await vi.waitFor(async () => {
      const described = await run(['describe', 'node', node]);
      expect(described.stdout).toMatch(/^\s+Ready\s+Unknown\s.*NodeStatusUnknown\s+Kubelet stopped posting node status\.$/m);
      expect(described.stdout).toMatch(/^\s+MemoryPressure\s+Unknown\s/m);
      expect(described.stdout).toContain(`${UNREACHABLE}:NoExecute`);
      expect(described.stdout).toContain(`${UNREACHABLE}:NoSchedule`);
    }, FAILURE_WAIT);

    await vi.waitFor(async () => {
      const statuses = await podStatuses();
      expect(statuses.get('brief-1')).toBe('Terminating');
      expect(statuses.get('brief-2')).toBe('Terminating');
    }, FAILURE_WAIT);
    // MarkPodsNotReady: the Ready condition only (kubectl's READY column counts container statuses).
    await vi.waitFor(async () => {
      const stays = await run(['get', 'pod', 'stays', '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}']);
      expect(stays.stdout).toBe('False');
    }, FAILURE_WAIT);
    const events = await run(['get', 'events', '--field-selector', 'reason=TaintManagerEviction', '-o', 'jsonpath={range .items[*]}{.message}{"\\n"}{end}']);
    expect(events.stdout).toContain('Marking for deletion Pod default/brief-1');
    // The Deployment's pods there are Terminating too, and replaced on the healthy node.
    await vi.waitFor(async () => {
      const rows = await podRows('app=web');
      for (const name of webOnFailedNode) expect(rows.find((row) => row.name === name)?.status, name).toBe('Terminating');
      const replacements = rows.filter((row) => row.status === 'Running' && row.node === c.nodes[0]);
      expect(replacements).toHaveLength(4);
      const available = await run(['get', 'deployment', 'web', '-o', 'jsonpath={.status.availableReplicas}']);
      expect(available.stdout).toBe('4');
    }, FAILURE_WAIT);
    // Nobody stopped the containers: the node's workloads outlive its kubelet.
    for (const name of ['brief-1', 'brief-2', 'stays']) expect(isAlive(markers.pid(name) ?? -1), name).toBe(true);

    const started = await kctl(c.kubeconfig, ['cluster', 'start-node', node, '--data-dir', c.dataDir]);
    expect(started.exitCode, started.stderr).toBe(0);
    expect(started.stdout).toContain(`Node "${node}" started`);
    await vi.waitFor(async () => {
      const row = await run(['get', 'node', node, '--no-headers']);
      expect(row.stdout.split(/\s+/)[1]).toBe('Ready');
      const taints = await run(['get', 'node', node, '-o', 'jsonpath={.spec.taints}']);
      expect(taints.stdout).toBe('');
    }, FAILURE_WAIT);
    for (const name of ['brief-1', 'brief-2', ...webOnFailedNode]) await waitForPodGone(c.client, name);
    expect(isAlive(markers.pid('brief-1') ?? -1)).toBe(false);
    const back = await run(['wait', '--for=condition=Ready', 'pod/stays', '--timeout=20s']);
    expect(back.exitCode, back.stderr).toBe(0);
    expect(isAlive(markers.pid('stays') ?? -1)).toBe(true);
  }, 80_000);
});
