import { describe, expect, it } from 'vitest';
import type { Service } from '@kctl/shared';
import { parseIpv4Cidr } from './ipv4.js';
import { buildServiceTable } from './service-table.js';
import type { EndpointSlice } from './service-table.js';

const range = parseIpv4Cidr('10.130.0.0/16');
const opts = { nodePortAddress: '127.0.0.1', clusterIPRange: range };

function service(name: string, spec: NonNullable<Service['spec']>, namespace = 'default', created = '2026-01-01T00:00:00Z'): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace, creationTimestamp: created }, spec };
}

function slice(serviceName: string, ports: EndpointSlice['ports'], endpoints: Array<[string, boolean?]>, namespace = 'default'): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${serviceName}-x`, namespace, labels: { 'kubernetes.io/service-name': serviceName } },
    addressType: 'IPv4',
    ports,
    endpoints: endpoints.map(([ip, ready]) => ({ addresses: [ip], ...(ready === undefined ? {} : { conditions: { ready } }) })),
  };
}

describe('buildServiceTable', () => {
  it('wants a listener per ClusterIP port and NodePort, with the ready endpoints behind each port name', () => {
    const table = buildServiceTable(
      [
        service('web', {
          type: 'NodePort',
          clusterIP: '10.130.0.5',
          ports: [
            { name: 'http', port: 80, targetPort: 8080, nodePort: 30080 },
            { name: 'dns', port: 53, protocol: 'UDP' },
            { name: 'sctp', port: 99, protocol: 'SCTP' },
          ],
        }),
      ],
      [
        slice('web', [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'dns', port: 5353, protocol: 'UDP' }], [['10.244.0.12'], ['10.244.0.3', true], ['10.244.0.9', false]]),
        slice('web', [{ name: 'http', port: 8081 }], [['10.244.0.4']]),
        slice('other', [{ name: 'http', port: 1 }], [['10.244.9.9']]),
      ],
      opts,
    );
    expect(table.listeners.map((l) => [l.key, l.route.backend])).toEqual([
      ['TCP/10.130.0.5:80', 'default/web:http'],
      ['TCP/127.0.0.1:30080', 'default/web:http'],
      ['UDP/10.130.0.5:53', 'default/web:dns'],
    ]);
    expect(table.backends.get('default/web:http')).toEqual([
      { ip: '10.244.0.3', port: 8080 },
      { ip: '10.244.0.4', port: 8081 },
      { ip: '10.244.0.12', port: 8080 },
    ]);
    expect(table.backends.get('default/web:dns')).toEqual([{ ip: '10.244.0.3', port: 5353 }, { ip: '10.244.0.12', port: 5353 }]);
    expect(table.services.get('default/web')).toEqual({
      namespace: 'default',
      name: 'web',
      clusterIP: '10.130.0.5',
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }],
      readyIPs: ['10.244.0.3', '10.244.0.4', '10.244.0.12'],
    });
  });

  it('serves only NodePorts when the service range is not local, and only ClusterIPs inside it', () => {
    const services = [
      service('np', { type: 'NodePort', clusterIP: '10.130.0.7', ports: [{ port: 80, nodePort: 30001 }] }),
      service('elsewhere', { clusterIP: '10.96.0.7', ports: [{ port: 80 }] }),
    ];
    expect(buildServiceTable(services, [], { nodePortAddress: '127.0.0.1' }).listeners.map((l) => l.key)).toEqual(['TCP/127.0.0.1:30001']);
    expect(buildServiceTable(services, [], opts).listeners.map((l) => l.key)).toEqual(['TCP/10.130.0.7:80', 'TCP/127.0.0.1:30001']);
  });

  it('gives headless and ExternalName Services DNS entries but no listeners', () => {
    const table = buildServiceTable(
      [service('db', { clusterIP: 'None', ports: [{ port: 5432 }] }), service('ext', { type: 'ExternalName', externalName: 'example.org.' })],
      [slice('db', [{ port: 5432 }], [['10.244.0.8'], ['10.244.0.7', false]])],
      opts,
    );
    expect(table.listeners).toEqual([]);
    expect(table.services.get('default/db')).toMatchObject({ readyIPs: ['10.244.0.8'] });
    expect(table.services.get('default/db')?.clusterIP).toBeUndefined();
    expect(table.services.get('default/ext')).toMatchObject({ externalName: 'example.org' });
  });

  it('carries ClientIP affinity with its timeout, and keeps slices to their own namespace', () => {
    const table = buildServiceTable(
      [
        service('web', { clusterIP: '10.130.0.5', sessionAffinity: 'ClientIP', ports: [{ port: 80 }] }),
        service('web', { clusterIP: '10.130.0.6', sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } }, ports: [{ port: 80 }] }, 'other'),
      ],
      [slice('web', [{ port: 80 }], [['10.244.1.1']], 'other')],
      opts,
    );
    expect(table.listeners.map((l) => l.route)).toEqual([
      { backend: 'default/web:', affinityTimeoutMs: 10_800_000 },
      { backend: 'other/web:', affinityTimeoutMs: 60_000 },
    ]);
    expect(table.backends.get('default/web:')).toEqual([]);
    expect(table.backends.get('other/web:')).toEqual([{ ip: '10.244.1.1', port: 80 }]);
  });
});
