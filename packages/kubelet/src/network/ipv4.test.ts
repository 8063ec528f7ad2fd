import { describe, expect, it } from 'vitest';
import { blockOfAddress, broadcastOf, cidrContains, cidrsOverlap, formatCidr, formatIpv4, gatewayOf, parseCidr, parseIpv4 } from './ipv4.js';

describe('ipv4', () => {
  it('round-trips addresses, including the top of the space', () => {
    for (const text of ['0.0.0.0', '10.64.1.2', '255.255.255.255']) expect(formatIpv4(parseIpv4(text))).toBe(text);
    expect(parseIpv4('10.0.0.1')).toBe(0x0a000001);
  });

  it('rejects malformed addresses and CIDRs with host bits', () => {
    for (const text of ['10.0.0', '10.0.0.256', '10.0.0.x', '1.2.3.4.5', '']) expect(() => parseIpv4(text)).toThrow(/invalid/);
    expect(() => parseCidr('10.1.2.0/33')).toThrow(/invalid/);
    expect(() => parseCidr('10.1.2.3/16')).toThrow('network is 10.1.0.0/16');
  });

  it('computes gateway, broadcast and containment', () => {
    const cluster = parseCidr('10.200.0.0/16');
    expect(formatIpv4(gatewayOf(cluster))).toBe('10.200.0.1');
    expect(formatIpv4(broadcastOf(cluster))).toBe('10.200.255.255');
    expect(cidrContains(cluster, parseIpv4('10.200.7.9'))).toBe(true);
    expect(cidrContains(cluster, parseIpv4('10.201.0.1'))).toBe(false);
    expect(formatIpv4(broadcastOf(parseCidr('0.0.0.0/0')))).toBe('255.255.255.255');
  });

  it('detects overlap in both directions', () => {
    expect(cidrsOverlap(parseCidr('10.0.0.0/8'), parseCidr('10.3.4.0/24'))).toBe(true);
    expect(cidrsOverlap(parseCidr('10.3.4.0/24'), parseCidr('10.0.0.0/8'))).toBe(true);
    expect(cidrsOverlap(parseCidr('10.3.4.0/24'), parseCidr('10.3.5.0/24'))).toBe(false);
  });

  it('takes the block of an interface address or a host route', () => {
    expect(formatCidr(blockOfAddress('192.0.2.2/24'))).toBe('192.0.2.0/24');
    expect(formatCidr(blockOfAddress('10.1.2.3'))).toBe('10.1.2.3/32');
  });
});
