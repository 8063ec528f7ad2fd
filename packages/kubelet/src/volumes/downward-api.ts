// The downward API: pod fields (fieldRef) and container resources (resourceFieldRef) as strings,
// shared by env valueFrom and downwardAPI / projected volume files. Mirrors Kubernetes'
// fieldpath.ExtractFieldPathAsString, the kubelet's podFieldSelectorRuntimeValue and
// resource.ExtractContainerResourceValue.
import { parseQuantity, quantityMilliValue, quantityValue } from '@kctl/shared';
import type { Quantity } from '@kctl/shared';
import type { Container, ObjectFieldSelector, Pod, ResourceFieldSelector } from './api-objects.js';

/** The addresses only the kubelet knows when it starts a container (the pod's sandbox and node). */
export interface PodAddresses {
  podIp: string;
  podIps: string[];
  hostIp: string;
  /** status.hostIPs; default [hostIp] */
  hostIps?: string[];
}

/** The node's allocatable resources: what a container without a limit may use (quantities). */
export interface NodeAllocatable {
  cpu?: string;
  memory?: string;
  ephemeralStorage?: string;
}

/** A field the downward API cannot give (the kubelet turns it into a config error). */
export class DownwardApiError extends Error {
  override name = 'DownwardApiError';
}

/** Go's strconv.Quote for the strings labels and annotations hold. */
function goQuote(value: string): string {
  const escapes: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\v': '\\v' };
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    out += escapes[ch] ?? (code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : ch);
  }
  return `${out}"`;
}

/** fieldpath.FormatMap: sorted `key="value"` lines (the whole labels/annotations file). */
export function formatMap(map: Record<string, string> | undefined): string {
  return Object.keys(map ?? {})
    .sort()
    .map((key) => `${key}=${goQuote(map?.[key] ?? '')}`)
    .join('\n');
}

const SUBSCRIPTED = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/;

/** A fieldRef's value; ADDRESSES answer status.* (env only: volumes may not ask for them). */
export function podFieldValue(pod: Pod, selector: ObjectFieldSelector, addresses?: PodAddresses): string {
  const meta = pod.metadata ?? {};
  const path = selector.fieldPath;
  const subscripted = SUBSCRIPTED.exec(path);
  if (subscripted) {
    const map = subscripted[1] === 'metadata.labels' ? meta.labels : meta.annotations;
    return map?.[subscripted[2] ?? ''] ?? '';
  }
  switch (path) {
    case 'metadata.name':
      return meta.name ?? '';
    case 'metadata.namespace':
      return meta.namespace ?? '';
    case 'metadata.uid':
      return meta.uid ?? '';
    case 'metadata.labels':
      return formatMap(meta.labels);
    case 'metadata.annotations':
      return formatMap(meta.annotations);
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
  }
  if (addresses) {
    switch (path) {
      case 'status.hostIP':
        return addresses.hostIp;
      case 'status.hostIPs':
        return (addresses.hostIps ?? [addresses.hostIp]).join(',');
      case 'status.podIP':
        return addresses.podIp;
      case 'status.podIPs':
        return addresses.podIps.join(',');
    }
  }
  throw new DownwardApiError(`unsupported fieldPath: ${path}`);
}

type ResourceName = 'cpu' | 'memory' | 'ephemeral-storage';

/** The quantity the downward API reports: limits default to the node's allocatable (the
 * kubelet's defaultPodLimitsForDownwardAPI); requests are what the spec says (the API server
 * already copied limits into missing requests). */
function resourceQuantity(container: Container, bound: 'limits' | 'requests', name: ResourceName, node: NodeAllocatable): Quantity | undefined {
  const declared = container.resources?.[bound]?.[name];
  if (declared !== undefined) return parseQuantity(declared);
  if (bound === 'requests') return undefined;
  return parseQuantity(name === 'cpu' ? node.cpu : name === 'memory' ? node.memory : node.ephemeralStorage);
}

/** ExtractContainerResourceValue: value ÷ divisor (default 1), rounded up; cpu in milli-units. */
export function containerResourceValue(selector: ResourceFieldSelector, container: Container, node: NodeAllocatable): string {
  const match = /^(limits|requests)\.(cpu|memory|ephemeral-storage)$/.exec(selector.resource);
  if (!match) throw new DownwardApiError(`unsupported container resource : ${selector.resource}`);
  const [, bound, name] = match as unknown as [string, 'limits' | 'requests', ResourceName];
  const parsedDivisor = parseQuantity(selector.divisor);
  const divisor = parsedDivisor && parsedDivisor.nanos !== 0n ? parsedDivisor : parseQuantity('1');
  const amount = resourceQuantity(container, bound, name, node);
  const [numerator, denominator] =
    name === 'cpu'
      ? [amount ? quantityMilliValue(amount) : 0, divisor ? quantityMilliValue(divisor) : 1000]
      : [amount ? quantityValue(amount) : 0, divisor ? quantityValue(divisor) : 1];
  return String(Math.ceil(numerator / denominator));
}

/** The container a downwardAPI volume's resourceFieldRef names. */
export function namedContainer(pod: Pod, name: string | undefined): Container | undefined {
  const spec = pod.spec;
  return [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].find((c) => c.name === name);
}
