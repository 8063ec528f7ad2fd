// Golden cells for Nodes, Namespaces, Services, Endpoints and EndpointSlices.
import { describe, expect, it } from 'vitest';
import type { KubernetesObject } from '../api/object-types.js';
import { printerFor } from './printer-registry.js';

const now = new Date('2025-01-10T12:00:00Z');
const created = { name: 'x', creationTimestamp: '2025-01-10T11:00:00Z' };
const cells = (resource: string, obj: KubernetesObject, group = ''): unknown[] => printerFor(group, resource).cells(obj, now);

describe('node printer', () => {
  const node = (ready: string | undefined, extra: Record<string, unknown> = {}): KubernetesObject => ({
    metadata: { ...created, name: 'node-1', labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'master' } },
    spec: extra,
    status: {
      conditions: ready === undefined ? [] : [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: ready }],
      addresses: [{ type: 'Hostname', address: 'node-1' }, { type: 'InternalIP', address: '172.18.0.2' }],
      nodeInfo: { kubeletVersion: 'v1.32.0', osImage: 'Debian', kernelVersion: '6.1', containerRuntimeVersion: 'containerd://1.7.22' },
    },
  });

  it('derives STATUS from the Ready condition and cordoning', () => {
    expect(cells('nodes', node('True'))[1]).toBe('Ready');
    expect(cells('nodes', node('True', { unschedulable: true }))[1]).toBe('Ready,SchedulingDisabled');
    expect(cells('nodes', node('Unknown'))[1]).toBe('NotReady');
    expect(cells('nodes', node(undefined))[1]).toBe('Unknown');
  });

  it('prints roles, version and the wide node info', () => {
    expect(cells('nodes', node('True'))).toEqual([
      'node-1', 'Ready', 'control-plane,master', '60m', 'v1.32.0', '172.18.0.2', '<none>', 'Debian', '6.1', 'containerd://1.7.22',
    ]);
  });

  it('prints <none> without role labels and <unknown> without node info', () => {
    expect(cells('nodes', { metadata: created })).toEqual(['x', 'Unknown', '<none>', '60m', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']);
  });
});

describe('namespace printer', () => {
  it('prints the phase', () => {
    expect(cells('namespaces', { metadata: created, status: { phase: 'Active' } })).toEqual(['x', 'Active', '60m']);
  });
});

describe('service printer', () => {
  const service = (spec: Record<string, unknown>, status: Record<string, unknown> = {}): KubernetesObject => ({ metadata: created, spec, status });

  it('prints a ClusterIP service', () => {
    expect(cells('services', service({ type: 'ClusterIP', clusterIP: '10.96.12.3', clusterIPs: ['10.96.12.3'], ports: [{ port: 80, protocol: 'TCP' }], selector: { app: 'web' } }))).toEqual([
      'x', 'ClusterIP', '10.96.12.3', '<none>', '80/TCP', '60m', 'app=web',
    ]);
  });

  it('prints node ports and multiple ports without spaces', () => {
    const svc = service({ type: 'NodePort', clusterIP: '10.96.0.9', ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] });
    expect(cells('services', svc)[4]).toBe('80:30080/TCP,53/UDP');
  });

  it('prints <pending>, then the sorted load-balancer addresses followed by externalIPs', () => {
    expect(cells('services', service({ type: 'LoadBalancer', ports: [{ port: 80 }] }))[3]).toBe('<pending>');
    const lb = service(
      { type: 'LoadBalancer', externalIPs: ['1.2.3.4'] },
      { loadBalancer: { ingress: [{ ip: '172.18.0.50' }, { hostname: 'lb.example.com' }, { ip: '172.18.0.50' }] } },
    );
    expect(cells('services', lb)[3]).toBe('172.18.0.50,lb.example.com,1.2.3.4');
  });

  it('prints headless and ExternalName services', () => {
    expect(cells('services', service({ type: 'ClusterIP', clusterIP: 'None' }))[2]).toBe('None');
    expect(cells('services', service({ type: 'ExternalName', externalName: 'db.example.com' })).slice(1, 5)).toEqual(['ExternalName', '<none>', 'db.example.com', '<none>']);
  });

  it('defaults a missing type and protocol like the API server would have', () => {
    expect(cells('services', service({ clusterIP: '10.96.0.1', ports: [{ port: 443 }] })).slice(1, 5)).toEqual(['ClusterIP', '10.96.0.1', '<none>', '443/TCP']);
  });
});

describe('endpoints printer', () => {
  const endpoints = (subsets: unknown[] | undefined): KubernetesObject => ({ metadata: created, ...(subsets ? { subsets } : {}) });

  it('crosses ready addresses with ports and brackets IPv6', () => {
    const ep = endpoints([{ addresses: [{ ip: '10.244.0.5' }, { ip: 'fd00::1' }], notReadyAddresses: [{ ip: '10.0.0.9' }], ports: [{ port: 8080 }] }]);
    expect(cells('endpoints', ep)).toEqual(['x', '10.244.0.5:8080,[fd00::1]:8080', '60m']);
  });

  it('lists three entries and counts the rest', () => {
    const addresses = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'].map((ip) => ({ ip }));
    expect(cells('endpoints', endpoints([{ addresses, ports: [{ port: 80 }, { port: 443 }] }]))[1]).toBe('10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 5 more...');
  });

  it('prints bare IPs without ports, <none> without subsets and nothing without ready addresses', () => {
    expect(cells('endpoints', endpoints([{ addresses: [{ ip: '10.0.0.1' }] }]))[1]).toBe('10.0.0.1');
    expect(cells('endpoints', endpoints(undefined))[1]).toBe('<none>');
    expect(cells('endpoints', endpoints([{ notReadyAddresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }]))[1]).toBe('');
  });
});

describe('endpointslice printer', () => {
  it('prints address type, ports and all addresses', () => {
    const slice = {
      metadata: created,
      addressType: 'IPv4',
      ports: [{ port: 80 }, { name: 'metrics' }, {}],
      endpoints: [{ addresses: ['10.244.1.4'], conditions: { ready: false } }, { addresses: ['10.244.2.9'] }],
    };
    expect(cells('endpointslices', slice, 'discovery.k8s.io')).toEqual(['x', 'IPv4', '80,metrics,*', '10.244.1.4,10.244.2.9', '60m']);
  });

  it('prints <unset> for empty lists and summarises long ones', () => {
    const ports = [1, 2, 3, 4, 5].map((port) => ({ port }));
    expect(cells('endpointslices', { metadata: created, addressType: 'IPv4', ports }, 'discovery.k8s.io').slice(2, 4)).toEqual(['1,2,3 + 2 more...', '<unset>']);
  });
});
