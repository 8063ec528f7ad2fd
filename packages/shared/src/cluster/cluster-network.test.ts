import { describe, expect, it } from 'vitest';
import { clusterNetwork } from './cluster-network.js';

describe('clusterNetwork', () => {
  it('is stable for one data directory and differs between directories', () => {
    const a = clusterNetwork('/tmp/one');
    expect(clusterNetwork('/tmp/one/').bridgeName).toBe(a.bridgeName);
    const names = new Set(Array.from({ length: 20 }, (_, i) => clusterNetwork(`/tmp/dir-${i}`).bridgeName));
    expect(names.size).toBe(20);
  });

  it('keeps kernel name limits and nests node CIDRs in the cluster CIDR', () => {
    const net = clusterNetwork('/home/dev/.kctl');
    expect(net.bridgeName.length).toBeLessThanOrEqual(15);
    expect(net.iptablesChain.length).toBeLessThanOrEqual(28);
    const [octet] = /^10\.(\d+)\./.exec(net.clusterCidr)!.slice(1);
    expect(net.nodePodCidr(3)).toBe(`10.${octet}.6.0/23`);
    expect(net.gateway).toBe(`10.${octet}.0.1`);
    expect(net.dnsAddress).toBe(net.serviceCidr.replace('.0.0/16', '.0.10'));
    expect(() => net.nodePodCidr(0)).toThrow(/out of range/);
  });

  it('gives a NodePort slice inside 30000-32767', () => {
    const [low, high] = clusterNetwork('/x').nodePortRange.split('-').map(Number);
    expect(low).toBeGreaterThanOrEqual(30000);
    expect(high! - low!).toBe(249);
    expect(high).toBeLessThanOrEqual(32767);
  });

  it('rehashes on a later attempt', () => {
    expect(clusterNetwork('/x', 1).bridgeName).not.toBe(clusterNetwork('/x').bridgeName);
  });
});
