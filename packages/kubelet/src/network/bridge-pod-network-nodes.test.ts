// Two kubelets ("nodes") of one cluster on one machine: same bridge, own pod CIDRs and state
// dirs. Their pods reach each other over L2; the bridge and the iptables chain outlive the
// first node's tearDownAll and go with the last one's. Root only, real kernel.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BridgePodNetwork } from './bridge-pod-network.js';
import { findIptables } from './forward-accept-chain.js';
import { cidrContains, parseCidr, parseIpv4 } from './ipv4.js';
import {
  fetchFromHost,
  forceRemoveTestCluster,
  hostNetworkState,
  makeStateDir,
  NetnsProcesses,
  randomTestCluster,
  randomUid,
  readIpForward,
  removeDirs,
  run,
  type TestCluster,
} from './network.test-support.js';
import { detectPodNetworkSupport } from './pod-network-support.js';
import { podNetnsName } from './pod-network-names.js';

const support = await detectPodNetworkSupport();
const iptables = await findIptables();
if (support.ok && !iptables) console.warn('iptables is not installed: the FORWARD chain checks below are skipped');

let cluster: TestCluster;
let stateDirs: string[];
let uids: Set<string>;
let processes: NetnsProcesses;
let ipForwardBefore: string;
let before: Awaited<ReturnType<typeof hostNetworkState>>;

async function node(index: 1 | 2, warnings: string[] = []): Promise<BridgePodNetwork> {
  const stateDir = await makeStateDir();
  stateDirs.push(stateDir);
  return new BridgePodNetwork({
    bridgeName: cluster.bridgeName,
    clusterCidr: cluster.clusterCidr,
    podCidr: cluster.nodePodCidr(index),
    stateDir,
    onWarning: (message) => warnings.push(message),
  });
}

function pod(name: string) {
  const uid = randomUid();
  uids.add(uid);
  return { uid, namespace: 'default', name };
}

async function forwardRules(): Promise<string[]> {
  const saved = (await run('iptables-save', ['-t', 'filter'])).split('\n');
  return saved.filter((line) => line.includes(cluster.chain)).map((line) => line.trim());
}

describe.skipIf(!support.ok)('BridgePodNetwork: two nodes of one cluster', () => {
  beforeEach(async () => {
    cluster = await randomTestCluster();
    stateDirs = [];
    uids = new Set();
    processes = new NetnsProcesses();
    ipForwardBefore = await readIpForward();
    before = await hostNetworkState(cluster, []);
  });

  afterEach(async () => {
    processes.stopAll();
    const leftover = await hostNetworkState(cluster, uids);
    await forceRemoveTestCluster(cluster, uids);
    await removeDirs(stateDirs);
    expect(leftover).toEqual(before);
    expect(await readIpForward()).toBe(ipForwardBefore);
  });

  it('lets pods of two nodes reach each other and keeps the bridge until the last node is gone', async () => {
    const warnings: string[] = [];
    const [node1, node2] = [await node(1, warnings), await node(2, warnings)];
    const [a, b] = [pod('on-node-1'), pod('on-node-2')];
    const [attachA, attachB] = await Promise.all([node1.setUp(a), node2.setUp(b)]);
    expect(cidrContains(parseCidr(cluster.nodePodCidr(1)), parseIpv4(attachA.ip))).toBe(true);
    expect(cidrContains(parseCidr(cluster.nodePodCidr(2)), parseIpv4(attachB.ip))).toBe(true);

    const [netnsA, netnsB] = [podNetnsName(cluster.bridgeName, a.uid), podNetnsName(cluster.bridgeName, b.uid)];
    await Promise.all([processes.listen(netnsA, 9000, 'a on node 1'), processes.listen(netnsB, 9000, 'b on node 2')]);
    expect(await processes.fetchFrom(netnsA, attachB.ip, 9000)).toBe('b on node 2');
    expect(await processes.fetchFrom(netnsB, attachA.ip, 9000)).toBe('a on node 1');
    expect(await fetchFromHost(attachB.ip, 9000)).toBe('b on node 2');

    if (iptables) {
      expect(await forwardRules()).toEqual([
        `:${cluster.chain} - [0:0]`,
        `-A FORWARD -j ${cluster.chain}`,
        `-A ${cluster.chain} -i ${cluster.bridgeName} -o ${cluster.bridgeName} -j ACCEPT`,
      ]);
      expect(warnings).toEqual([]);
      // Pod-to-pod frames on the bridge pass FORWARD (br_netfilter) and our rule accepts them, so a
      // FORWARD policy of DROP (a Docker engine) would not cut them off.
      const counted = (await run('iptables-save', ['-c', '-t', 'filter'])).split('\n').find((line) => line.includes(`-A ${cluster.chain} `));
      const bridgeNetfilter = await readFile('/proc/sys/net/bridge/bridge-nf-call-iptables', 'utf8').catch(() => '0');
      if (bridgeNetfilter.trim() === '1') expect(Number(/^\[(\d+):/.exec(counted ?? '')?.[1])).toBeGreaterThan(0);
    } else {
      console.warn('iptables absent: FORWARD chain not checked');
      expect(warnings[0]).toMatch(/iptables not found/);
    }

    await node1.tearDownAll();
    expect(existsSync(attachA.netnsPath)).toBe(false);
    expect(await node1.list()).toEqual([]);
    expect(existsSync(`/sys/class/net/${cluster.bridgeName}`)).toBe(true); // node 2 still has a pod
    if (iptables) expect(await forwardRules()).toHaveLength(3);
    expect(await fetchFromHost(attachB.ip, 9000)).toBe('b on node 2'); // node 2's pod unaffected
    processes.stopAll();

    await node2.tearDownAll();
    expect(existsSync(attachB.netnsPath)).toBe(false);
    expect(existsSync(`/sys/class/net/${cluster.bridgeName}`)).toBe(false);
    if (iptables) expect(await forwardRules()).toEqual([]);
  });

  it('recreates the bridge for a node that sets a pod up after the cluster bridge went away', async () => {
    const [node1, node2] = [await node(1), await node(2)];
    await node1.setUp(pod('first'));
    await node1.tearDownAll(); // last pod: bridge and chain removed
    expect(existsSync(`/sys/class/net/${cluster.bridgeName}`)).toBe(false);
    const again = await node2.setUp(pod('later'));
    expect(existsSync(`/sys/class/net/${cluster.bridgeName}`)).toBe(true);
    expect(existsSync(again.netnsPath)).toBe(true);
    if (iptables) expect(await forwardRules()).toHaveLength(3);
    await node2.tearDownAll();
  });
});
