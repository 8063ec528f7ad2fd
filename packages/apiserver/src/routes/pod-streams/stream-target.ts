// Where a pods/log|exec|attach|portforward request goes: the pod must exist, the container be one of its
// own (defaulted when the pod has exactly one), the pod be bound to a node whose kubelet
// endpoint is known. Messages are the API server's own (registry/core/pod/strategy.go).
import { errors } from '@kctl/shared';
import type { KubernetesObject } from '@kctl/shared';
import type { RegistryContext } from '../../rest/registry-context.js';
import { getObject } from '../../rest/object-reads.js';

export interface KubeletAddress {
  host: string;
  port: number;
}

export interface StreamTarget {
  namespace: string;
  pod: string;
  container: string;
  nodeName: string;
  kubelet: KubeletAddress;
}

interface NamedContainer {
  name?: string;
}

interface PodShape {
  spec?: { nodeName?: string; containers?: NamedContainer[]; initContainers?: NamedContainer[]; ephemeralContainers?: NamedContainer[] };
}

interface NodeShape {
  status?: { addresses?: Array<{ type?: string; address?: string }>; daemonEndpoints?: { kubeletEndpoint?: { Port?: number } } };
}

/** Init, regular, then ephemeral containers: the order of podutil.VisitContainers. */
function allContainerNames(pod: PodShape): string[] {
  const spec = pod.spec ?? {};
  return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])].map((c) => c.name ?? '');
}

export function validateContainer(pod: PodShape, podName: string, requested: string | undefined): string {
  const names = allContainerNames(pod);
  if (!requested) {
    const containers = pod.spec?.containers ?? [];
    if (containers.length === 1) return containers[0]?.name ?? '';
    if (containers.length === 0) throw errors.badRequest(`a container name must be specified for pod ${podName}`);
    throw errors.badRequest(`a container name must be specified for pod ${podName}, choose one of: [${names.join(' ')}]`);
  }
  if (!names.includes(requested)) throw errors.badRequest(`container ${requested} is not valid for pod ${podName}`);
  return requested;
}

/** The kubelet's address as the node reports it: InternalIP first, then Hostname. */
export function kubeletAddress(node: NodeShape, nodeName: string): KubeletAddress {
  const port = node.status?.daemonEndpoints?.kubeletEndpoint?.Port;
  const addresses = node.status?.addresses ?? [];
  const host = (addresses.find((a) => a.type === 'InternalIP') ?? addresses.find((a) => a.type === 'Hostname'))?.address;
  if (!port || !host) throw errors.serviceUnavailable(`node ${nodeName} does not report a kubelet endpoint`);
  return { host, port };
}

export async function resolveStreamTarget(ctx: RegistryContext, namespace: string, podName: string, container: string | undefined): Promise<StreamTarget> {
  return resolvePodTarget(ctx, namespace, podName, (pod) => validateContainer(pod, podName, container));
}

/** pods/portforward: the pod's kubelet, no container (the pod's network is forwarded). */
export async function resolvePortForwardTarget(ctx: RegistryContext, namespace: string, podName: string): Promise<StreamTarget> {
  return resolvePodTarget(ctx, namespace, podName, () => '');
}

async function resolvePodTarget(ctx: RegistryContext, namespace: string, podName: string, chooseContainer: (pod: PodShape) => string): Promise<StreamTarget> {
  const podType = ctx.catalog.byPath('', 'v1', 'pods');
  const nodeType = ctx.catalog.byPath('', 'v1', 'nodes');
  if (!podType || !nodeType) throw errors.internal('pods and nodes must be served');
  const pod = (await getObject(ctx, podType, namespace, podName)) as KubernetesObject & PodShape;
  const resolved = chooseContainer(pod);
  const nodeName = pod.spec?.nodeName;
  if (!nodeName) throw errors.badRequest(`pod ${podName} does not have a host assigned`);
  const node = (await getObject(ctx, nodeType, undefined, nodeName)) as KubernetesObject & NodeShape;
  return { namespace, pod: podName, container: resolved, nodeName, kubelet: kubeletAddress(node, nodeName) };
}

/** `http://host:port` with IPv6 literals bracketed. */
export function kubeletOrigin(address: KubeletAddress, scheme: 'http' | 'ws'): string {
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return `${scheme}://${host}:${address.port}`;
}
