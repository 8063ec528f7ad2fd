// The `default/kubernetes` Service every cluster has: the API server itself behind the service
// range's first address (10.Y.0.1), port 443 named https, with the Endpoints and EndpointSlice
// naming where the API server listens (what the apiserver's endpoint reconciler keeps upstream).
// The service proxy then forwards 10.Y.0.1:443 to it, and the kubelet gives pods the
// KUBERNETES_SERVICE_* variables. kctl serves plain HTTP on that port: clients in pods must not
// expect TLS there. Written once the server listens (the port may have been 0).
import type { KubernetesObject } from '@kctl/shared';
import type { RegistryContext } from './rest/registry-context.js';
import { createObject } from './rest/object-writes.js';

const NAME = 'kubernetes';
const NAMESPACE = 'default';

/** The first host address of a CIDR: 10.96.0.0/16 → 10.96.0.1. */
export function firstServiceIp(cidr: string): string {
  const [base] = cidr.split('/');
  const octets = (base ?? '').split('.').map(Number);
  octets[3] = (octets[3] ?? 0) + 1;
  return octets.join('.');
}

function objects(clusterIp: string, address: string, port: number): Array<[string, string, string, KubernetesObject]> {
  const labels = { component: 'apiserver', provider: 'kubernetes' };
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: NAME, namespace: NAMESPACE, labels },
    spec: { type: 'ClusterIP', clusterIP: clusterIp, sessionAffinity: 'None', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: port }] },
  };
  const endpoints = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: NAME, namespace: NAMESPACE, labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: address }], ports: [{ name: 'https', port, protocol: 'TCP' }] }],
  };
  const slice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: NAME, namespace: NAMESPACE, labels: { 'kubernetes.io/service-name': NAME, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [address], conditions: { ready: true } }],
    ports: [{ name: 'https', port, protocol: 'TCP' }],
  };
  return [
    ['', 'services', 'Service', service as KubernetesObject],
    ['', 'endpoints', 'Endpoints', endpoints as KubernetesObject],
    ['discovery.k8s.io', 'endpointslices', 'EndpointSlice', slice as KubernetesObject],
  ];
}

/** Creates what is missing; a restarted server on a kept port finds them all in place. */
export async function ensureKubernetesService(ctx: RegistryContext, serviceCidr: string, address: string, port: number): Promise<void> {
  for (const [group, resource, , obj] of objects(firstServiceIp(serviceCidr), address, port)) {
    const type = ctx.catalog.byPath(group, group ? 'v1' : 'v1', resource);
    if (!type) continue;
    try {
      await createObject(ctx, type, NAMESPACE, obj, { dryRun: false });
    } catch (err) {
      if ((err as { code?: number }).code !== 409) throw err;
    }
  }
}
