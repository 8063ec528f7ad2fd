// Privilege detection and the address-clash check, against the real machine.
import { afterEach, describe, expect, it } from 'vitest';
import { cidrInUse } from './cidr-in-use.js';
import { ensureClusterBridge, deleteClusterBridge } from './cluster-bridge.js';
import { randomTestCluster, run, type TestCluster } from './network.test-support.js';
import { detectPodNetworkSupport } from './pod-network-support.js';

const support = await detectPodNetworkSupport();

describe('detectPodNetworkSupport', () => {
  it('agrees with the privileges of this process and leaves no probe namespace behind', async () => {
    if (process.getuid?.() !== 0) {
      expect(support).toEqual({ ok: false, reason: expect.stringMatching(/not running as root/) });
      return;
    }
    expect(support).toEqual({ ok: true });
    expect(await run('ip', ['netns', 'list'])).not.toContain(`kctl-probe-${process.pid}-`);
  });
});

describe.skipIf(!support.ok)('cidrInUse', () => {
  let cluster: TestCluster | undefined;
  afterEach(async () => {
    if (cluster) await deleteClusterBridge(cluster.bridgeName);
  });

  it('sees the host interface network and a bridge of another cluster, but not the default route or its own bridge', async () => {
    cluster = await randomTestCluster();
    expect(await cidrInUse(cluster.clusterCidr)).toBe(false); // randomTestCluster only returns free blocks
    await ensureClusterBridge(cluster.bridgeName, `${cluster.gateway}/22`);
    expect(await cidrInUse(cluster.clusterCidr)).toBe(true);
    expect(await cidrInUse(cluster.nodePodCidr(2))).toBe(true);
    expect(await cidrInUse(cluster.clusterCidr, cluster.bridgeName)).toBe(false);
    expect(await cidrInUse('127.0.0.0/16')).toBe(true); // lo's 127.0.0.0/8
  });
});
