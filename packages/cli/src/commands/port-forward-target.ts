// Which pod `kctl port-forward TYPE/NAME` forwards to, and to which of its ports: a pod by name,
// else the most active pod a Service / workload selects (kubectl's AttachablePodForObject:
// running and ready pods first), with Service ports turned into the pod's target ports.
import { resourcePath } from '@kctl/shared';
import type { ResourceType } from '@kctl/shared';
import type { CliContext } from '../cli-context.js';
import { UsageError } from '../resource-arguments.js';
import { resolvePodPorts, resolveServicePorts } from './port-forward-ports.js';
import type { ContainerPortsLike, PortSpec, ServiceLike } from './port-forward-ports.js';

export interface PodLike extends ContainerPortsLike {
  metadata?: { name?: string; creationTimestamp?: string };
  status?: { phase?: string; conditions?: Array<{ type?: string; status?: string }> };
}

interface WorkloadLike {
  spec?: { selector?: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } | Record<string, string> };
}

export interface ForwardTarget {
  pod: PodLike;
  ports: PortSpec[];
}

const WORKLOADS = new Set(['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'replicationcontrollers', 'jobs']);

function activity(pod: PodLike): number {
  const ready = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 1 : 0;
  const phase = pod.status?.phase === 'Running' ? 2 : pod.status?.phase === 'Pending' ? 0 : 1;
  return phase * 2 + ready;
}

/** Most active first (running, ready), then the older pod, like podutils.ActivePods reversed. */
export function pickPod(pods: readonly PodLike[]): PodLike | undefined {
  return [...pods].sort((a, b) => activity(b) - activity(a) || (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? ''))[0];
}

function labelSelector(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

function splitTypeName(arg: string): { type?: string; name: string } {
  const slash = arg.indexOf('/');
  return slash < 0 ? { name: arg } : { type: arg.slice(0, slash), name: arg.slice(slash + 1) };
}

function typeOf(ctx: CliContext, name: string): ResourceType {
  const type = ctx.catalog.resolve(name.toLowerCase());
  if (!type) throw new Error(`the server doesn't have a resource type "${name}"`);
  return type;
}

async function podsSelectedBy(ctx: CliContext, selector: Record<string, string> | undefined, what: string): Promise<PodLike> {
  if (!selector || Object.keys(selector).length === 0) throw new Error(`invalid ${what}: Service is defined without a selector`);
  const podType = typeOf(ctx, 'pods');
  const list = await ctx.client.get<{ items?: PodLike[] }>(resourcePath(podType, ctx.namespace), { labelSelector: labelSelector(selector) });
  const pod = pickPod(list.items ?? []);
  if (!pod) throw new Error('timed out waiting for the condition');
  return pod;
}

export async function resolveForwardTarget(ctx: CliContext, arg: string, ports: readonly PortSpec[]): Promise<ForwardTarget> {
  const { type: typeName, name } = splitTypeName(arg);
  if (!name) throw new UsageError('TYPE/NAME and list of ports are required for port-forward');
  const type = typeOf(ctx, typeName ?? 'pods');
  const namespace = ctx.namespace;
  if (type.resource === 'pods' && type.group === '') {
    const pod = await ctx.client.get<PodLike>(resourcePath(type, namespace, name));
    return { pod, ports: resolvePodPorts(ports, pod) };
  }
  if (type.resource === 'services' && type.group === '') {
    const service = await ctx.client.get<ServiceLike>(resourcePath(type, namespace, name));
    const pod = await podsSelectedBy(ctx, service.spec?.selector, `service '${name}'`);
    return { pod, ports: resolveServicePorts(ports, service, pod) };
  }
  if (WORKLOADS.has(type.resource)) {
    const workload = await ctx.client.get<WorkloadLike>(resourcePath(type, namespace, name));
    const selector = workload.spec?.selector;
    // ReplicationControllers select with a plain map; the others with matchLabels.
    const labels = selector && 'matchLabels' in selector ? (selector.matchLabels as Record<string, string> | undefined) : (selector as Record<string, string> | undefined);
    if (selector && 'matchExpressions' in selector && (selector.matchExpressions as unknown[] | undefined)?.length) throw new Error(`cannot port-forward to ${arg}: selectors with matchExpressions are not supported`);
    const pod = await podsSelectedBy(ctx, labels, `${type.resource} '${name}'`);
    return { pod, ports: resolvePodPorts(ports, pod) };
  }
  throw new Error(`cannot attach to *v1.${type.kind}: not implemented`);
}
