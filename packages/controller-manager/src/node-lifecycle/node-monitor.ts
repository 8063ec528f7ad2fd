// The node lifecycle controller's health half (monitorNodeHealth): a node whose kubelet has not
// renewed its Lease or posted status for the grace period gets its kubelet conditions set to
// Unknown, a NodeNotReady event and its pods marked not Ready; and every node's condition taints
// (not-ready / unreachable, NoSchedule + NoExecute) follow its Ready status, so they go away
// again once the kubelet posts Ready. Level based: a node key is reconciled from the caches, and
// re-queued for the moment its grace period would run out.
import { defaultCatalog, metaTime, resourcePath } from '@kctl/shared';
import type { ApiClient, EventRecorder, Informer, Node, Pod } from '@kctl/shared';
import type { Logger } from 'pino';
import type { NodeHealth, NodeLease } from './node-health.js';
import { alignConditionTaints, readyStatusOf } from './node-taints.js';
import type { PodsByNode } from './pods-by-node.js';
import { conditionsMarkedUnknown } from './unknown-conditions.js';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
const NODES = defaultCatalog.resolve('nodes')!;
const PODS = defaultCatalog.resolve('pods')!;
/** A stale node is looked at again this often (pods bound to it later still get marked). */
const STALE_RECHECK_MS = 5_000;

export interface NodeMonitorDeps {
  client: ApiClient;
  logger: Logger;
  nodes: Informer<Node>;
  leases: Informer<NodeLease>;
  pods: Informer<Pod>;
  podsByNode: PodsByNode;
  health: NodeHealth;
  recorder: EventRecorder;
  gracePeriodMs: number;
  now: () => number;
}

export class NodeMonitor {
  constructor(private readonly deps: NodeMonitorDeps) {}

  async reconcile(name: string): Promise<{ requeueAfter?: number }> {
    const { nodes, leases, health, gracePeriodMs } = this.deps;
    const node = nodes.get(undefined, name);
    if (!node) {
      health.forget(name);
      return {};
    }
    const now = this.deps.now();
    const heardAt = health.observe(node, leases.get(NODE_LEASE_NAMESPACE, name), now);
    const silentFor = now - heardAt;
    const stale = silentFor >= gracePeriodMs;
    const current = stale ? await this.markUnknown(node, now) : node;
    if (stale && readyStatusOf(current) === 'Unknown') await this.markPodsNotReady(name, now);
    await this.alignTaints(current, now);
    return { requeueAfter: stale ? STALE_RECHECK_MS : gracePeriodMs - silentFor };
  }

  /** Writes the Unknown conditions (once) and returns the node as it now is. */
  private async markUnknown(node: Node, now: number): Promise<Node> {
    const conditions = conditionsMarkedUnknown(node, metaTime(now));
    if (!conditions) return node;
    const name = node.metadata?.name ?? '';
    const wasReady = readyStatusOf(node);
    const copy = structuredClone(node);
    copy.status = { ...copy.status, conditions };
    const updated = await this.deps.client.replace<Node>(resourcePath(NODES, undefined, name, 'status'), copy);
    this.deps.logger.info({ node: name }, 'kubelet stopped posting node status; node conditions are Unknown');
    if (wasReady !== 'Unknown') {
      // Upstream keys node events by the node's name (the kubelet does the same).
      const ref = { apiVersion: 'v1', kind: 'Node', metadata: { name, uid: name } };
      await this.deps.recorder.record(ref, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`).catch(() => {});
    }
    return updated;
  }

  /** MarkPodsNotReady: nobody else will tell the pods' readers (Services) that they are gone. */
  private async markPodsNotReady(nodeName: string, now: number): Promise<void> {
    const { pods, podsByNode, client, recorder } = this.deps;
    for (const key of podsByNode.keys(nodeName)) {
      const slash = key.indexOf('/');
      const pod = pods.get(key.slice(0, slash), key.slice(slash + 1));
      const conditions = pod?.status?.conditions ?? [];
      const index = conditions.findIndex((c) => c.type === 'Ready' && c.status === 'True');
      if (!pod || index < 0) continue;
      const copy = structuredClone(pod);
      copy.status!.conditions![index] = { ...conditions[index]!, status: 'False', lastTransitionTime: metaTime(now) };
      await client.replace(resourcePath(PODS, pod.metadata?.namespace, pod.metadata?.name, 'status'), copy);
      await recorder.record(pod, 'Warning', 'NodeNotReady', 'Node is not ready').catch(() => {});
    }
  }

  private async alignTaints(node: Node, now: number): Promise<void> {
    const taints = alignConditionTaints(node.spec?.taints ?? [], readyStatusOf(node), metaTime(now));
    if (!taints) return;
    const name = node.metadata?.name ?? '';
    // The resourceVersion makes this a compare-and-swap: a taint someone added meanwhile survives.
    await this.deps.client.patch(
      resourcePath(NODES, undefined, name),
      { metadata: { resourceVersion: node.metadata?.resourceVersion }, spec: { taints: taints.length > 0 ? taints : null } },
      'application/merge-patch+json',
    );
    this.deps.logger.info({ node: name, taints: taints.map((t) => `${t.key}:${t.effect}`) }, 'node taints updated');
  }
}
