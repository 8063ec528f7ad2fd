// What the endpoints controller wants to exist for one Service, computed purely from the cached
// Service and Pods (never mutating them): the Endpoints subsets and the EndpointSlices, grouped by
// distinct port set as Kubernetes' RepackSubsets and its slice reconciler do.
import { labelSelectorFromSet } from '@kctl/shared';
import type { Pod, Service } from '@kctl/shared';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY = 'endpointslice-controller.k8s.io';
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';

export interface ObjectReference {
  kind: 'Pod';
  namespace: string;
  name: string;
  uid: string;
}

export interface EndpointAddress {
  ip: string;
  nodeName?: string;
  targetRef: ObjectReference;
}

export interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

export interface SliceEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  nodeName?: string;
  targetRef: ObjectReference;
}

export interface DesiredSlice {
  endpoints: SliceEndpoint[];
  ports: EndpointPort[];
}

/** Whether the controller manages this Service's endpoints: it has a selector and is not ExternalName. */
export function managesEndpoints(service: Service): boolean {
  if (service.spec?.type === 'ExternalName') return false;
  return Object.keys(service.spec?.selector ?? {}).length > 0;
}

/** Whether the Service's selector picks this pod (a Service without a selector picks none). */
export function serviceSelects(service: Service, labels: Record<string, string> | undefined): boolean {
  if (!managesEndpoints(service)) return false;
  return labelSelectorFromSet(service.spec!.selector).matches(labels ?? {});
}

export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** podutil.FindPort: a numeric targetPort as is, a named one looked up in the pod's containers. */
export function resolveTargetPort(pod: Pod, port: NonNullable<NonNullable<Service['spec']>['ports']>[number]): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = port.protocol ?? 'TCP';
  for (const container of pod.spec?.containers ?? []) {
    for (const cp of container.ports ?? []) {
      if (cp.name === target && (cp.protocol ?? 'TCP') === protocol) return cp.containerPort;
    }
  }
  return undefined;
}

/** A pod that can back a Service: it has an IP, is not being deleted and has not finished. */
export function isEndpointCandidate(pod: Pod): boolean {
  if (!pod.status?.podIP) return false;
  if (pod.metadata?.deletionTimestamp) return false;
  const phase = pod.status.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
}

interface Group {
  ports: EndpointPort[];
  ready: EndpointAddress[];
  notReady: EndpointAddress[];
}

const byIp = (a: EndpointAddress, b: EndpointAddress) => a.ip.localeCompare(b.ip, 'en', { numeric: true }) || a.targetRef.name.localeCompare(b.targetRef.name);

/** The address groups, one per distinct port set, in a stable order. */
function groupAddresses(service: Service, pods: readonly Pod[]): Group[] {
  const groups = new Map<string, Group>();
  const servicePorts = service.spec?.ports ?? [];
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  for (const pod of pods) {
    if (!isEndpointCandidate(pod) || !serviceSelects(service, pod.metadata?.labels)) continue;
    const ports: EndpointPort[] = [];
    for (const sp of servicePorts) {
      const port = resolveTargetPort(pod, sp);
      if (port === undefined) continue;
      ports.push({ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP' });
    }
    // A pod that serves none of the Service's ports backs none of them (a headless Service without ports takes every pod).
    if (servicePorts.length > 0 && ports.length === 0) continue;
    ports.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port);
    const key = JSON.stringify(ports);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { ports, ready: [], notReady: [] }));
    const address: EndpointAddress = {
      ip: pod.status!.podIP!,
      ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
      targetRef: { kind: 'Pod', namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' },
    };
    (publishNotReady || isPodReady(pod) ? group.ready : group.notReady).push(address);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, g]) => ({ ...g, ready: g.ready.sort(byIp), notReady: g.notReady.sort(byIp) }));
}

export function desiredSubsets(service: Service, pods: readonly Pod[]): EndpointSubset[] {
  return groupAddresses(service, pods).map((g) => ({
    ...(g.ready.length > 0 ? { addresses: g.ready } : {}),
    ...(g.notReady.length > 0 ? { notReadyAddresses: g.notReady } : {}),
    ...(g.ports.length > 0 ? { ports: g.ports } : {}),
  }));
}

/** One slice per port set; a Service with no backing pod still gets one empty slice, as in Kubernetes. */
export function desiredSlices(service: Service, pods: readonly Pod[]): DesiredSlice[] {
  const groups = groupAddresses(service, pods);
  if (groups.length === 0) return [{ endpoints: [], ports: [] }];
  const endpoint = (a: EndpointAddress, ready: boolean): SliceEndpoint => ({
    addresses: [a.ip],
    conditions: { ready, serving: ready, terminating: false },
    ...(a.nodeName ? { nodeName: a.nodeName } : {}),
    targetRef: a.targetRef,
  });
  return groups.map((g) => ({
    endpoints: [...g.ready.map((a) => endpoint(a, true)), ...g.notReady.map((a) => endpoint(a, false))].sort((x, y) => byIp(
      { ip: x.addresses[0]!, targetRef: x.targetRef }, { ip: y.addresses[0]!, targetRef: y.targetRef },
    )),
    ports: g.ports,
  }));
}

/** Endpoints carry the Service's labels, plus the headless marker for a Service without a cluster IP. */
export function endpointsLabels(service: Service): Record<string, string> {
  const labels: Record<string, string> = { ...(service.metadata?.labels ?? {}) };
  if (service.spec?.clusterIP === 'None') labels[HEADLESS_LABEL] = '';
  return labels;
}

export function sliceLabels(service: Service): Record<string, string> {
  return { ...endpointsLabels(service), [SERVICE_NAME_LABEL]: service.metadata?.name ?? '', [MANAGED_BY_LABEL]: MANAGED_BY };
}

/** Deterministic slice names: NAME-kctl, then NAME-kctl-2, ... for further port sets. */
export function sliceName(serviceName: string, index: number): string {
  return index === 0 ? `${serviceName}-kctl` : `${serviceName}-kctl-${index + 1}`;
}
