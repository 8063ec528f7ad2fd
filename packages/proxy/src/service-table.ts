// Services + EndpointSlices → what the proxy serves: the listeners it wants bound (ClusterIP:port
// and NodePorts), the ready endpoints behind each Service port, and the names DNS answers. Pure:
// rebuilt from the informer caches on every change (local clusters hold tens of Services, so a
// full rebuild costs less than tracking deltas would in code).
import type { KubernetesObject, Service } from '@kctl/shared';
import { cidrContains } from './ipv4.js';
import type { Ipv4Cidr } from './ipv4.js';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
/** Kubernetes' default sessionAffinityConfig.clientIP.timeoutSeconds (3 hours). */
export const DEFAULT_AFFINITY_TIMEOUT_SECONDS = 10_800;

export interface SliceEndpoint {
  addresses?: string[];
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
}

export interface SlicePort {
  name?: string;
  port?: number;
  protocol?: string;
}

export interface EndpointSlice extends KubernetesObject {
  addressType?: string;
  endpoints?: SliceEndpoint[];
  ports?: SlicePort[];
}

export type Protocol = 'TCP' | 'UDP';

export interface Endpoint {
  ip: string;
  port: number;
}

/** Where a listener's connections go: a Service port's backend, by key into ServiceTable.backends. */
export interface Route {
  /** namespace/name:portName */
  backend: string;
  /** ClientIP session affinity: how long a client stays with its endpoint */
  affinityTimeoutMs?: number;
}

export interface ListenerSpec {
  /** PROTOCOL/address:port — a listener is re-bound only when this changes */
  key: string;
  protocol: Protocol;
  address: string;
  port: number;
  route: Route;
}

export interface ServicePortEntry {
  name: string;
  port: number;
  protocol: Protocol;
}

/** What DNS needs to know of one Service. */
export interface ServiceEntry {
  namespace: string;
  name: string;
  /** absent for headless Services (clusterIP None), which answer with their ready endpoint IPs */
  clusterIP?: string;
  /** ExternalName Services answer with a CNAME */
  externalName?: string;
  ports: ServicePortEntry[];
  /** ready endpoint IPs over all slices and ports, sorted */
  readyIPs: string[];
}

export interface ServiceTable {
  listeners: ListenerSpec[];
  backends: Map<string, Endpoint[]>;
  /** by namespace/name */
  services: Map<string, ServiceEntry>;
}

export interface ServiceTableOptions {
  nodePortAddress: string;
  /** ClusterIPs inside this range get listeners; absent when the range is not local (no route) */
  clusterIPRange?: Ipv4Cidr;
}

export function listenerKey(protocol: Protocol, address: string, port: number): string {
  return `${protocol}/${address}:${port}`;
}

export function backendKey(namespace: string, name: string, portName: string): string {
  return `${namespace}/${name}:${portName}`;
}

const byAddress = (a: Endpoint, b: Endpoint) => a.ip.localeCompare(b.ip, 'en', { numeric: true }) || a.port - b.port;

function protocolOf(value: string | undefined): Protocol | undefined {
  const protocol = value ?? 'TCP';
  return protocol === 'TCP' || protocol === 'UDP' ? protocol : undefined;
}

function slicesByService(slices: readonly EndpointSlice[]): Map<string, EndpointSlice[]> {
  const grouped = new Map<string, EndpointSlice[]>();
  for (const slice of slices) {
    const service = slice.metadata?.labels?.[SERVICE_NAME_LABEL];
    if (!service || (slice.addressType ?? 'IPv4') !== 'IPv4') continue;
    const key = `${slice.metadata?.namespace ?? ''}/${service}`;
    grouped.set(key, [...(grouped.get(key) ?? []), slice]);
  }
  return grouped;
}

const isReady = (endpoint: SliceEndpoint) => endpoint.conditions?.ready !== false;

/** Ready endpoints for one Service port: slice ports match by name and protocol (targetPort is already resolved). */
function endpointsFor(slices: readonly EndpointSlice[], port: ServicePortEntry): Endpoint[] {
  const seen = new Map<string, Endpoint>();
  for (const slice of slices) {
    const match = (slice.ports ?? []).find((p) => (p.name ?? '') === port.name && protocolOf(p.protocol) === port.protocol);
    if (match?.port === undefined) continue;
    for (const endpoint of slice.endpoints ?? []) {
      if (!isReady(endpoint)) continue;
      for (const ip of endpoint.addresses ?? []) seen.set(`${ip}:${match.port}`, { ip, port: match.port });
    }
  }
  return [...seen.values()].sort(byAddress);
}

function readyIPs(slices: readonly EndpointSlice[]): string[] {
  const ips = new Set<string>();
  for (const slice of slices) for (const endpoint of slice.endpoints ?? []) if (isReady(endpoint)) for (const ip of endpoint.addresses ?? []) ips.add(ip);
  return [...ips].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

const servicePort = ({ name, port, protocol }: ServicePortEntry): ServicePortEntry => ({ name, port, protocol });

function affinityTimeoutMs(service: Service): number | undefined {
  if (service.spec?.sessionAffinity !== 'ClientIP') return undefined;
  return (service.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_TIMEOUT_SECONDS) * 1000;
}

export function buildServiceTable(services: readonly Service[], slices: readonly EndpointSlice[], opts: ServiceTableOptions): ServiceTable {
  const grouped = slicesByService(slices);
  const listeners = new Map<string, ListenerSpec>();
  const backends = new Map<string, Endpoint[]>();
  const entries = new Map<string, ServiceEntry>();
  const sortedServices = [...services].sort((a, b) => (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? ''));

  for (const service of sortedServices) {
    const namespace = service.metadata?.namespace ?? '';
    const name = service.metadata?.name ?? '';
    const spec = service.spec ?? {};
    const serviceSlices = grouped.get(`${namespace}/${name}`) ?? [];
    const ports: Array<ServicePortEntry & { nodePort?: number }> = [];
    for (const p of spec.ports ?? []) {
      const protocol = protocolOf(p.protocol);
      if (protocol) ports.push({ name: p.name ?? '', port: p.port, protocol, ...(p.nodePort ? { nodePort: p.nodePort } : {}) });
    }
    if (spec.type === 'ExternalName') {
      if (spec.externalName) entries.set(`${namespace}/${name}`, { namespace, name, externalName: spec.externalName.replace(/\.$/, ''), ports: ports.map(servicePort), readyIPs: [] });
      continue;
    }
    const clusterIP = spec.clusterIP && spec.clusterIP !== 'None' ? spec.clusterIP : undefined;
    entries.set(`${namespace}/${name}`, { namespace, name, ...(clusterIP ? { clusterIP } : {}), ports: ports.map(servicePort), readyIPs: readyIPs(serviceSlices) });
    if (!clusterIP) continue; // headless: DNS only, no proxying

    const timeout = affinityTimeoutMs(service);
    const nodePorts = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
    for (const port of ports) {
      const backend = backendKey(namespace, name, port.name);
      backends.set(backend, endpointsFor(serviceSlices, port));
      const route: Route = { backend, ...(timeout !== undefined ? { affinityTimeoutMs: timeout } : {}) };
      const want = (address: string, listenPort: number) => {
        const key = listenerKey(port.protocol, address, listenPort);
        // The API server keeps ClusterIP:port and NodePorts unique; should two claim one anyway, the older wins.
        if (!listeners.has(key)) listeners.set(key, { key, protocol: port.protocol, address, port: listenPort, route });
      };
      if (opts.clusterIPRange && cidrContains(opts.clusterIPRange, clusterIP)) want(clusterIP, port.port);
      if (nodePorts && port.nodePort) want(opts.nodePortAddress, port.nodePort);
    }
  }
  return { listeners: [...listeners.values()].sort((a, b) => a.key.localeCompare(b.key)), backends, services: entries };
}
