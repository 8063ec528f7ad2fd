import { describe, expect, it } from 'vitest';
import { clusterNetworkNames } from './cluster-network-names.js';

describe('clusterNetworkNames', () => {
  it('derives stable names and blocks from the resolved data directory', () => {
    const names = clusterNetworkNames('/tmp/cluster-a');
    const again = clusterNetworkNames('/tmp/../tmp/cluster-a/');
    expect(JSON.stringify(again)).toBe(JSON.stringify(names));
    expect(again.nodePodCidr(1)).toBe(names.nodePodCidr(1));
    expect(names.bridgeName).toMatch(/^kctl[0-9a-f]{6}$/);
    const second = Number(names.clusterCidr.split('.')[1]);
    expect(second).toBeGreaterThanOrEqual(64);
    expect(second).toBeLessThan(128);
    expect(names.clusterCidr).toBe(`10.${second}.0.0/16`);
    expect(names.serviceCidr).toBe(`10.${second + 64}.0.0/16`);
    expect(names.dnsAddress).toBe(`10.${second + 64}.0.10`);
    expect(names.nodePodCidr(3)).toBe(`10.${second}.3.0/24`);
    expect(names.iptablesChain).toBe(`KCTL-${names.bridgeName.toUpperCase()}`);
    expect(names.iptablesChain.length).toBeLessThanOrEqual(28);
  });

  it('gives different directories and different attempts different names', () => {
    const a = clusterNetworkNames('/tmp/cluster-a');
    expect(clusterNetworkNames('/tmp/cluster-b').bridgeName).not.toBe(a.bridgeName);
    const retry = clusterNetworkNames('/tmp/cluster-a', 1);
    expect(retry.bridgeName).not.toBe(a.bridgeName);
    expect(clusterNetworkNames('/tmp/cluster-a', 1).clusterCidr).toBe(retry.clusterCidr);
  });

  it('rejects node indexes outside 1..255', () => {
    const names = clusterNetworkNames('/tmp/cluster-a');
    expect(() => names.nodePodCidr(0)).toThrow(/node index/);
    expect(() => names.nodePodCidr(256)).toThrow(/node index/);
  });
});
