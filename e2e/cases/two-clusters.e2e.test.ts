// Two clusters on one machine at once (a developer's own next to the test suite's): each derives
// its own bridge, pod and service CIDRs, NodePort slice and DNS address from its data directory,
// both serve their pods, and taking one down leaves the other's network untouched and working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterNetwork } from '@kctl/shared';
import { httpGet } from '../harness/http.js';
import { FAST_KUBELET_ARGS, startCluster } from '../harness/cluster.js';
import type { TestCluster } from '../harness/cluster.js';
import { hostFootprint, settledNetwork } from '../harness/host-footprint.js';
import { waitForPod } from '../harness/pods.js';
import { canMakePodNetworks } from '../harness/privileges.js';
import { kctl } from '../harness/run-cli.js';

const SERVER_POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'server' },
  spec: { containers: [{ name: 'main', image: 'python:3.11', command: ['python3', '-m', 'http.server', '8080', '--directory', '/etc'] }] },
};

async function reachable(ip: string): Promise<boolean> {
  return httpGet(ip, 8080, '/hostname', 3000).then(
    (answer) => answer.status === 200,
    () => false,
  );
}

let first: TestCluster | undefined;
let second: TestCluster | undefined;
let networks: ClusterNetwork[] = [];
const ips: string[] = [];

describe.skipIf(!canMakePodNetworks())('two clusters side by side', () => {
  beforeAll(async () => {
    // One after the other, as a developer's cluster is already up when the tests start theirs:
    // the second `up` sees the first one's routes and steers clear of its ranges.
    first = await startCluster({ nodes: 1, kubeletArgs: FAST_KUBELET_ARGS });
    second = await startCluster({ nodes: 1, kubeletArgs: FAST_KUBELET_ARGS });
    networks = [first!, second!].map((cluster) => settledNetwork(cluster.dataDir));
    for (const cluster of [first!, second!]) {
      const applied = await kctl(cluster.kubeconfig, ['apply', '-f', '-'], JSON.stringify(SERVER_POD));
      expect(applied.exitCode, applied.stderr).toBe(0);
      const pod = await waitForPod(cluster.client, 'server', (p) => expect(p.status?.containerStatuses?.[0]?.ready).toBe(true));
      ips.push(pod.status!.podIP!);
    }
  }, 90_000);

  afterAll(async () => {
    await Promise.all([first, second].map((cluster) => cluster?.stop()));
  }, 90_000);

  it('derives different names and ranges for each', () => {
    const [a, b] = networks as [ClusterNetwork, ClusterNetwork];
    expect(a.bridgeName).not.toBe(b.bridgeName);
    expect(a.clusterCidr).not.toBe(b.clusterCidr);
    expect(a.serviceCidr).not.toBe(b.serviceCidr);
    expect(a.iptablesChain).not.toBe(b.iptablesChain);
    expect(ips[0]).not.toBe(ips[1]);
  });

  it('serves both clusters\u2019 pods, and stopping one leaves the other intact', async () => {
    expect(await reachable(ips[0]!)).toBe(true);
    expect(await reachable(ips[1]!)).toBe(true);
    const before = hostFootprint(second!.dataDir, networks[1]!, second!.nodes);

    const stopping = first!;
    first = undefined;
    await stopping.stop();

    expect(await reachable(ips[0]!)).toBe(false);
    expect(await reachable(ips[1]!)).toBe(true);
    const after = hostFootprint(second!.dataDir, networks[1]!, second!.nodes);
    expect({ ...after, processes: after.processes.length }).toEqual({ ...before, processes: before.processes.length });
  });
});
