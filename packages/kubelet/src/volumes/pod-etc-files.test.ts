import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Pod } from './api-objects.js';
import { hostnameFileContent, hostsFileContent, podResolverConfig, resolvConfContent } from './pod-etc-files.js';

const HEADER =
  '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';

function pod(spec: Partial<NonNullable<Pod['spec']>> = {}, name = 'web-0'): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'shop', uid: 'u' }, spec: { containers: [], ...spec } };
}

const dns = { nameserver: '10.96.0.10', searches: ['shop.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], options: ['ndots:5'] };

describe('hosts file (managedHostsFileContent)', () => {
  it('lists localhost, the ip6 names, then the pod IP and its name', () => {
    expect(hostsFileContent(pod(), ['10.1.0.7'], 'cluster.local')).toBe(`${HEADER}10.1.0.7\tweb-0\n`);
  });

  it('uses hostname.subdomain FQDN and appends hostAliases', () => {
    const p = pod({ hostname: 'db', subdomain: 'dbs', hostAliases: [{ ip: '1.2.3.4', hostnames: ['foo.local', 'bar.local'] }] });
    expect(hostsFileContent(p, ['10.1.0.7'], 'cluster.local')).toBe(
      `${HEADER}10.1.0.7\tdb.dbs.shop.svc.cluster.local\tdb\n\n# Entries added by HostAliases.\n1.2.3.4\tfoo.local\tbar.local\n`,
    );
    expect(hostnameFileContent(p, 'cluster.local')).toBe('db\n');
    expect(hostnameFileContent({ ...p, spec: { ...p.spec!, setHostnameAsFQDN: true } }, 'cluster.local')).toBe('db.dbs.shop.svc.cluster.local\n');
  });

  it('truncates long pod names to 63 characters without a trailing dash', () => {
    const name = `${'a'.repeat(62)}-bcd`;
    expect(hostnameFileContent(pod({}, name), 'cluster.local')).toBe(`${'a'.repeat(62)}\n`);
  });
});

describe('resolv.conf by dnsPolicy', () => {
  it('ClusterFirst (the default) uses the cluster DNS, written like containerd', () => {
    const config = podResolverConfig(pod(), dns);
    expect(resolvConfContent(config!)).toBe('search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it('keeps the host resolver for Default, ClusterFirst without cluster DNS, and hostNetwork ClusterFirst', () => {
    expect(podResolverConfig(pod({ dnsPolicy: 'Default' }), dns)).toBeUndefined();
    expect(podResolverConfig(pod(), undefined)).toBeUndefined();
    expect(podResolverConfig(pod({ hostNetwork: true }), dns)).toBeUndefined();
    expect(podResolverConfig(pod({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }), dns)?.nameservers).toEqual(['10.96.0.10']);
  });

  it('None takes dnsConfig alone; dnsConfig merges into the others (options by name)', () => {
    const none = podResolverConfig(pod({ dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'], searches: ['a.b'], options: [{ name: 'edns0' }] } }), dns);
    expect(none).toEqual({ nameservers: ['1.1.1.1'], searches: ['a.b'], options: ['edns0'] });
    const merged = podResolverConfig(pod({ dnsConfig: { searches: ['extra.local'], options: [{ name: 'ndots', value: '2' }] } }), dns);
    expect(merged?.searches.at(-1)).toBe('extra.local');
    expect(merged?.options).toEqual(['ndots:2']);
  });

  it('Default with dnsConfig starts from the host resolv.conf', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubelet-resolv-'));
    try {
      writeFileSync(join(dir, 'resolv.conf'), '# host\nnameserver 9.9.9.9\nsearch lan\noptions rotate\n');
      const config = podResolverConfig(pod({ dnsPolicy: 'Default', dnsConfig: { nameservers: ['8.8.8.8'] } }), dns, join(dir, 'resolv.conf'));
      expect(config).toEqual({ nameservers: ['9.9.9.9', '8.8.8.8'], searches: ['lan'], options: ['rotate'] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
