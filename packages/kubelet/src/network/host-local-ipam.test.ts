import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostLocalIpam, IpExhaustedError } from './host-local-ipam.js';
import { parseCidr, parseIpv4 } from './ipv4.js';

let stateDir: string;
beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'kctl-ipam-'));
});
afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

describe('HostLocalIpam', () => {
  it('hands out .2 upwards, one file per address holding the owner', async () => {
    const ipam = new HostLocalIpam({ stateDir, range: parseCidr('10.250.1.0/24') });
    expect(await ipam.allocate('pod-a')).toBe('10.250.1.2');
    expect(await ipam.allocate('pod-b')).toBe('10.250.1.3');
    expect(await readFile(join(stateDir, 'ips', '10.250.1.2'), 'utf8')).toBe('pod-a');
    expect(await ipam.allocations()).toEqual(new Map([['10.250.1.2', 'pod-a'], ['10.250.1.3', 'pod-b']]));
  });

  it('never hands out the gateway, the network or the broadcast address', async () => {
    const range = parseCidr('10.250.0.0/29'); // .0 network, .1 skipped, .7 broadcast
    const ipam = new HostLocalIpam({ stateDir, range, reserved: [parseIpv4('10.250.0.3')] });
    const ips = [];
    for (let i = 0; i < 4; i++) ips.push(await ipam.allocate(`pod-${i}`));
    expect(ips).toEqual(['10.250.0.2', '10.250.0.4', '10.250.0.5', '10.250.0.6']);
    await expect(ipam.allocate('one-too-many')).rejects.toThrow(IpExhaustedError);
    await expect(ipam.allocate('one-too-many')).rejects.toThrow('no free pod IP in 10.250.0.0/29: all 4 addresses are allocated');
  });

  it('does not reuse a released address at once, but after a full round', async () => {
    const ipam = new HostLocalIpam({ stateDir, range: parseCidr('10.250.0.0/29') });
    const first = await ipam.allocate('a');
    await ipam.release(first, 'a');
    expect(await ipam.allocate('b')).toBe('10.250.0.3');
    for (const owner of ['c', 'd', 'e']) await ipam.allocate(owner);
    expect(await ipam.allocate('f')).toBe(first);
  });

  it('never gives one address to two concurrent allocations', async () => {
    const ipam = new HostLocalIpam({ stateDir, range: parseCidr('10.250.2.0/24') });
    const other = new HostLocalIpam({ stateDir, range: parseCidr('10.250.2.0/24') });
    const ips = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? ipam : other).allocate(`pod-${i}`)));
    expect(new Set(ips).size).toBe(40);
    expect((await readdir(join(stateDir, 'ips'))).length).toBe(40);
  });

  it('releases only for the owner and lets the owner claim its address back', async () => {
    const ipam = new HostLocalIpam({ stateDir, range: parseCidr('10.250.3.0/24') });
    const ip = await ipam.allocate('a');
    await ipam.release(ip, 'b');
    expect(await ipam.ownerOf(ip)).toBe('a');
    expect(await ipam.claim(ip, 'a')).toBe(true);
    expect(await ipam.claim(ip, 'b')).toBe(false);
    await ipam.release(ip, 'a');
    expect(await ipam.ownerOf(ip)).toBeUndefined();
    expect(await ipam.claim(ip, 'b')).toBe(true);
  });

  it('refuses a range without usable addresses', () => {
    expect(() => new HostLocalIpam({ stateDir, range: parseCidr('10.250.0.0/31') })).toThrow(/no usable host addresses/);
  });
});
