// Services: `NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE` · wide `SELECTOR`.
import type { Service } from '../api/object-types.js';
import { age } from './human-duration.js';
import { formatLabels } from './label-strings.js';
import { ageColumn, column, definePrinter, nameColumn, wideColumn } from './printer.js';

/**
 * loadBalancerStatusStringer: distinct ingress IPs (else hostnames), sorted. Upstream clips it
 * to 16 characters only for non-wide output, and the server always prints wide.
 */
function loadBalancerAddresses(service: Service): string[] {
  const addresses = new Set<string>();
  for (const ingress of service.status?.loadBalancer?.ingress ?? []) {
    const address = ingress.ip || ingress.hostname;
    if (address) addresses.add(address);
  }
  return [...addresses].sort();
}

function externalIPCell(service: Service, type: string): string {
  const externalIPs = service.spec?.externalIPs ?? [];
  switch (type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const addresses = [...loadBalancerAddresses(service), ...externalIPs];
      return addresses.length > 0 ? addresses.join(',') : '<pending>';
    }
    case 'ExternalName':
      return service.spec?.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** `80/TCP`, or `80:30080/TCP` when a node port is allocated. */
function portsCell(service: Service): string {
  const ports = service.spec?.ports ?? [];
  if (ports.length === 0) return '<none>';
  return ports
    .map((p) => {
      const protocol = p.protocol ?? 'TCP';
      return p.nodePort ? `${p.port}:${p.nodePort}/${protocol}` : `${p.port}/${protocol}`;
    })
    .join(',');
}

export const servicePrinter = definePrinter<Service>({
  columns: [
    nameColumn(),
    column('Type', 'The type of the service: ClusterIP, NodePort, LoadBalancer or ExternalName.'),
    column('Cluster-IP', 'The IP address of the service inside the cluster.'),
    column('External-IP', 'Addresses the service is reachable on from outside the cluster.'),
    column('Port(s)', 'The ports exposed by the service.'),
    ageColumn(),
    wideColumn('Selector', 'Labels of the pods traffic is routed to.'),
  ],
  cells(service, now) {
    // The API server defaults the type on write; a stored object without one is a ClusterIP.
    const type = service.spec?.type ?? 'ClusterIP';
    const clusterIP = service.spec?.clusterIPs?.[0] || service.spec?.clusterIP || '<none>';
    return [
      service.metadata?.name ?? '',
      type,
      clusterIP,
      externalIPCell(service, type),
      portsCell(service),
      age(service.metadata?.creationTimestamp, now),
      formatLabels(service.spec?.selector),
    ];
  },
});
