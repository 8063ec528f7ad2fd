// Two kubelets ("nodes") of one cluster on one machine: same bridge, own pod CIDRs and state
// dirs. Their pods reach each other over L2; the bridge and the iptables chain outlive the
// first node's tearDownAll and go with the last one's. Root only, real kernel.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { BridgePodNetwork } from './bridge-pod-network.js';
import { findIptables } from './forward-accept-chain.js';
import { cidrContains, parseCidr, parseIpv4 } from './ipv4.js';
import {
  fetchFromHost,
  run,
  useNetworkTestBed,
} from './network.test-support.js';
import { detectPodNetworkSupport } from './pod-network-support.js';
import { podNetnsName } from './pod-network-names.js';

const support = await detectPodNetworkSupport();
const iptables = await findIptables();
if (support.ok && !iptables) console.warn('iptables is not installed: the FORWARD chain checks below are skipped');

const bed = useNetworkTestBed();

async function node(index: 1 | 2, warnings: string[] = []): Promise<BridgePodNetwork> {
  const stateDir = await bed.newStateDir();
  return new BridgePodNetwork({
    bridgeName: bed.cluster.bridgeName,
    clusterCidr: bed.cluster.clusterCidr,
    podCidr: bed.cluster.nodePodCidr(index),
    stateDir,
    onWarning: (message) => warnings.push(message),
  });
}

const pod = (name: string) => bed.pod(name);

async function forwardRules(): Promise<string[]> {
  const saved = (await run('iptables-save', ['-t', 'filter'])).split('\n');
  return saved.filter((line) => line.includes(bed.cluster.chain)).map((line) => line.trim());
}

describe.skipIf(!support.ok)('BridgePodNetwork: two nodes of one cluster', () => {
  it('lets pods of two nodes reach each other and keeps the bridge until the last node is gone', async () => {
    const warnings: string[] = [];
    const [node1, node2] = [await node(1, warnings), await node(2, warnings)];
    const [a, b] = [pod('on-node-1'), pod('on-node-2')];
    const [attachA, attachB] = await Promise.all([node1.setUp(a), node2.setUp(b)]);
    expect(cidrContains(parseCidr(bed.cluster.nodePodCidr(1)), parseIpv4(attachA.ip))).toBe(true);
    expect(cidrContains(parseCidr(bed.cluster.nodePodCidr(2)), parseIpv4(attachB.ip))).toBe(true);

    const [netnsA, netnsB] = [podNetnsName(bed.cluster.bridgeName, a.uid), podNetnsName(bed.cluster.bridgeName, b.uid)];
    await Promise.all([bed.processes.listen(netnsA, 9000, 'a on node 1'), bed.processes.listen(netnsB, 9000, 'b on node 2')]);
    expect(await bed.processes.fetchFrom(netnsA, attachB.ip, 9000)).toBe('b on node 2');
    expect(await bed.processes.fetchFrom(netnsB, attachA.ip, 9000)).toBe('a on node 1');
    expect(await fetchFromHost(attachB.ip, 9000)).toBe('b on node 2');

    if (iptables) {
      expect(await forwardRules()).toEqual([
        `:${bed.cluster.chain} - [0:0]`,
        `-A FORWARD -j ${bed.cluster.chain}`,
        `-A ${bed.cluster.chain} -i ${bed.cluster.bridgeName} -o ${bed.cluster.bridgeName} -j ACCEPT`,
      ]);
      expect(warnings).toEqual([]);
      // Pod-to-pod frames on the bridge pass FORWARD (br_netfilter) and our rule accepts them, so a
      // FORWARD policy of DROP (a Docker engine) would not cut them off.
      const counted = (await run('iptables-save', ['-c', '-t', 'filter'])).split('\n').find((line) => line.includes(`-A ${bed.cluster.chain} `));
      const bridgeNetfilter = await readFile('/proc/sys/net/bridge/bridge-nf-call-iptables', 'utf8').catch(() => '0');
      if (bridgeNetfilter.trim() === '1') expect(Number(/^\[(\d+):/.exec(counted ?? '')?.[1])).toBeGreaterThan(0);
    } else {
      console.warn('iptables absent: FORWARD chain not checked');
      expect(warnings[0]).toMatch(/iptables not found/);
    }

    await node1.tearDownAll();
    expect(existsSync(attachA.netnsPath)).toBe(false);
    expect(await node1.list()).toEqual([]);
    expect(existsSync(`/sys/class/net/${bed.cluster.bridgeName}`)).toBe(true); // node 2 still has a pod
    if (iptables) expect(await forwardRules()).toHaveLength(3);
    expect(await fetchFromHost(attachB.ip, 9000)).toBe('b on node 2'); // node 2's pod unaffected
    bed.processes.stopAll();

    await node2.tearDownAll();
    expect(existsSync(attachB.netnsPath)).toBe(false);
    expect(existsSync(`/sys/class/net/${bed.cluster.bridgeName}`)).toBe(false);
    if (iptables) expect(await forwardRules()).toEqual([]);
  });

  it('recreates the bridge for a node that sets a pod up after the cluster bridge went away', async () => {
    const [node1, node2] = [await node(1), await node(2)];
    await node1.setUp(pod('first'));
    await node1.tearDownAll(); // last pod: bridge and chain removed
    expect(existsSync(`/sys/class/net/${bed.cluster.bridgeName}`)).toBe(false);
    const again = await node2.setUp(pod('later'));
    expect(existsSync(`/sys/class/net/${bed.cluster.bridgeName}`)).toBe(true);
    expect(existsSync(again.netnsPath)).toBe(true);
    if (iptables) expect(await forwardRules()).toHaveLength(3);
    await node2.tearDownAll();
  });
});
