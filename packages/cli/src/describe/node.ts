// kubectl describe node (describe.go's NodeDescriber and describeNode).
import type { KubernetesObject, Node, Pod } from '@kctl/shared';
import { canonicalQuantity } from '@kctl/shared';
import type { DescribeContext } from './context.js';
import { listAll } from './context.js';
import { describeEvents, searchEvents } from './events.js';
import { printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline } from './multiline.js';
import { describeNodeResource } from './node-resources.js';
import type { PrefixWriter } from './prefix-writer.js';
import { LEVEL_0, LEVEL_1, tabbedString } from './prefix-writer.js';
import { formatRfc1123z } from './time-format.js';

const NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_ROLE_LABEL = 'kubernetes.io/role';

interface Lease {
  spec?: { holderIdentity?: string; acquireTime?: string; renewTime?: string };
}

/** findNodeRoles: from node-role.kubernetes.io/<role> labels and kubernetes.io/role=<role>. */
export function nodeRoles(labels: Record<string, string> | undefined): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (key.startsWith(NODE_ROLE_PREFIX) && key.length > NODE_ROLE_PREFIX.length) roles.add(key.slice(NODE_ROLE_PREFIX.length));
    else if (key === NODE_ROLE_LABEL && value) roles.add(value);
  }
  return [...roles].sort();
}

/** The pods table needs pod list access; like kubectl, a 403 shows "not authorized" instead of failing. */
async function nonTerminatedPods(ctx: DescribeContext, nodeName: string): Promise<Pod[] | undefined> {
  try {
    return await listAll<Pod>(ctx.client, '/api/v1/pods', {
      fieldSelector: `spec.nodeName=${nodeName},status.phase!=Succeeded,status.phase!=Failed`,
    });
  } catch (err) {
    if ((err as { code?: unknown }).code === 403) return undefined;
    throw err;
  }
}

async function fetchLease(ctx: DescribeContext, nodeName: string): Promise<Lease | Error> {
  try {
    return await ctx.client.get<Lease>(`/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${encodeURIComponent(nodeName)}`);
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

export async function describeNode(obj: KubernetesObject, ctx: DescribeContext): Promise<string> {
  const node = obj as Node;
  const name = node.metadata?.name ?? '';
  const pods = await nonTerminatedPods(ctx, name);
  // Controllers record node events under the node's UID, the kubelet under its name: ask for both.
  const events = ctx.showEvents
    ? [
        ...(await searchEvents(ctx, { kind: 'Node', name, namespace: '', uid: node.metadata?.uid })),
        ...(await searchEvents(ctx, { kind: 'Node', name, namespace: '', uid: name })),
      ]
    : undefined;
  const lease = await fetchLease(ctx, name);
  return tabbedString((w) => {
    writeIdentity(node, lease, w);
    writeStatus(node, w);
    if (pods) describeNodeResource(pods, node, w, ctx.now);
    else w.write(LEVEL_0, 'Pods:\tnot authorized\n');
    if (events) describeEvents(events, w, ctx.now);
  });
}

function writeIdentity(node: Node, lease: Lease | Error, w: PrefixWriter): void {
  const meta = node.metadata ?? {};
  w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
  w.write(LEVEL_0, `Roles:\t${nodeRoles(meta.labels).join(',') || '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${formatRfc1123z(meta.creationTimestamp)}\n`);
  printTaintsMultiline(w, 'Taints', node.spec?.taints);
  w.write(LEVEL_0, `Unschedulable:\t${node.spec?.unschedulable === true}\n`);
  if (lease instanceof Error) {
    w.write(LEVEL_0, `Lease:\tFailed to get lease: ${lease.message}\n`);
  } else {
    w.write(LEVEL_0, 'Lease:\n');
    w.write(LEVEL_1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`);
    w.write(LEVEL_1, `AcquireTime:\t${lease.spec?.acquireTime ? formatRfc1123z(lease.spec.acquireTime) : '<unset>'}\n`);
    w.write(LEVEL_1, `RenewTime:\t${lease.spec?.renewTime ? formatRfc1123z(lease.spec.renewTime) : '<unset>'}\n`);
  }
}

function writeStatus(node: Node, w: PrefixWriter): void {
  const status = node.status ?? {};
  const conditions = status.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(
        LEVEL_1,
        `${c.type} \t${c.status} \t${formatRfc1123z(c.lastHeartbeatTime)} \t${formatRfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
      );
    }
  }
  w.write(LEVEL_0, 'Addresses:\n');
  for (const address of status.addresses ?? []) w.write(LEVEL_1, `${address.type}:\t${address.address}\n`);
  for (const [title, list] of [['Capacity', status.capacity], ['Allocatable', status.allocatable]] as const) {
    const names = Object.keys(list ?? {}).sort();
    if (names.length === 0) continue;
    w.write(LEVEL_0, `${title}:\n`);
    for (const name of names) w.write(LEVEL_0, `  ${name}:\t${canonicalQuantity(list?.[name])}\n`);
  }
  const info = status.nodeInfo;
  w.write(LEVEL_0, 'System Info:\n');
  const infoLines: Array<[string, string | undefined]> = [
    ['Machine ID', info?.machineID],
    ['System UUID', info?.systemUUID],
    ['Boot ID', info?.bootID],
    ['Kernel Version', info?.kernelVersion],
    ['OS Image', info?.osImage],
    ['Operating System', info?.operatingSystem],
    ['Architecture', info?.architecture],
    ['Container Runtime Version', info?.containerRuntimeVersion],
    ['Kubelet Version', info?.kubeletVersion],
    ['Kube-Proxy Version', info?.kubeProxyVersion],
  ];
  for (const [label, value] of infoLines) w.write(LEVEL_0, `  ${label}:\t${value ?? ''}\n`);
  if (node.spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if ((node.spec?.podCIDRs ?? []).length > 0) w.write(LEVEL_0, `PodCIDRs:\t${(node.spec?.podCIDRs ?? []).join(',')}\n`);
  if (node.spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${node.spec.providerID}\n`);
}
