import { describe, expect, it } from 'vitest';
import { parseProxyFlags } from './proxy-config.js';
import { cidrContains, parseIpv4Cidr } from './ipv4.js';

describe('parseProxyFlags', () => {
  it('derives the DNS address from the service CIDR and defaults the rest', () => {
    const config = parseProxyFlags(['--service-cidr', '10.130.7.9/16', '--kubeconfig', '/k']);
    expect(config).toEqual({
      kubeconfig: '/k',
      serviceCidr: { base: parseIpv4Cidr('10.130.0.0/16').base, prefix: 16, text: '10.130.0.0/16' },
      dnsAddress: '10.130.0.10',
      clusterDomain: 'cluster.local',
      nodePortAddress: '127.0.0.1',
      logLevel: 'info',
      cleanup: false,
    });
    expect(parseProxyFlags(['--service-cidr', '10.1.2.0/24', '--cleanup', '--healthz-port', '10256', '--cluster-domain', 'Kctl.Local.'])).toMatchObject({
      dnsAddress: '10.1.2.10',
      cleanup: true,
      healthzPort: 10256,
      clusterDomain: 'kctl.local',
    });
  });

  it('rejects a missing or malformed range and a DNS address outside it', () => {
    expect(() => parseProxyFlags([])).toThrow(/--service-cidr is required/);
    expect(() => parseProxyFlags(['--service-cidr', '10.1.2.300/24'])).toThrow(/invalid IPv4 CIDR/);
    expect(() => parseProxyFlags(['--service-cidr', '10.1.2.0/24', '--dns-address', '10.1.3.10'])).toThrow(/must be an address inside 10.1.2.0\/24/);
  });

  it('tests membership of the range', () => {
    const range = parseIpv4Cidr('10.250.3.0/24');
    expect(cidrContains(range, '10.250.3.255')).toBe(true);
    expect(cidrContains(range, '10.250.4.0')).toBe(false);
    expect(cidrContains(range, 'nonsense')).toBe(false);
  });
});
