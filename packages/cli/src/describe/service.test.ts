import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '@kctl/shared';
import type { ResourceType } from '@kctl/shared';
import { FakeDescribeClient, list } from './fake-client.test-support.js';
import { describeObject } from './index.js';

const serviceType = defaultCatalog.resolve('svc') as ResourceType;
const NOW = new Date('2024-05-01T10:05:00Z');

const service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default', uid: 'uid-svc', labels: { app: 'web' } },
  spec: {
    selector: { app: 'web' },
    type: 'ClusterIP',
    ipFamilyPolicy: 'SingleStack',
    ipFamilies: ['IPv4'],
    clusterIP: '10.96.0.20',
    clusterIPs: ['10.96.0.20'],
    ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
    sessionAffinity: 'None',
    internalTrafficPolicy: 'Cluster',
  },
};

const slice = {
  ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  endpoints: [
    { addresses: ['10.244.0.5'], conditions: { ready: true } },
    { addresses: ['10.244.0.6'], conditions: { ready: false } },
    { addresses: ['10.244.0.7'] },
  ],
};

// One column block; only the Port line has a third cell, so "http" is padded on its own.
const expected = [
  'Name:                     web',
  'Namespace:                default',
  'Labels:                   app=web',
  'Annotations:              <none>',
  'Selector:                 app=web',
  'Type:                     ClusterIP',
  'IP Family Policy:         SingleStack',
  'IP Families:              IPv4',
  'IP:                       10.96.0.20',
  'IPs:                      10.96.0.20',
  'Port:                     http  80/TCP',
  'TargetPort:               8080/TCP',
  'Endpoints:                10.244.0.5:8080,10.244.0.7:8080',
  'Session Affinity:         None',
  'Internal Traffic Policy:  Cluster',
  'Events:                   <none>',
  '',
].join('\n');

describe('describeObject: service', () => {
  it('prints what kubectl describe service prints, endpoints from ready EndpointSlice endpoints', async () => {
    const client = new FakeDescribeClient({
      '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices': list([slice]),
      '/api/v1/namespaces/default/events': list([]),
    });
    expect(await describeObject(client, serviceType, service, { showEvents: true, now: NOW })).toBe(expected);
    expect(client.requests[0]).toEqual({
      path: '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices',
      query: { labelSelector: 'kubernetes.io/service-name=web' },
    });
  });

  it('tolerates a server without EndpointSlices: endpoints read <none>', async () => {
    const client = new FakeDescribeClient({ '/api/v1/namespaces/default/events': list([]) });
    const text = await describeObject(client, serviceType, service, { showEvents: true, now: NOW });
    expect(text).toContain('\nEndpoints:                <none>\n');
  });

  it('shows three endpoints and counts the rest', async () => {
    const many = { ports: slice.ports, endpoints: ['1', '2', '3', '4', '5'].map((n) => ({ addresses: [`10.0.0.${n}`] })) };
    const client = new FakeDescribeClient({ '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices': list([many]) });
    const text = await describeObject(client, serviceType, service, { showEvents: false, now: NOW });
    expect(text).toContain('Endpoints:                10.0.0.1:8080,10.0.0.2:8080,10.0.0.3:8080 + 2 more...\n');
  });
});
