// What the node lifecycle controller writes when a kubelet falls silent (tryUpdateNodeHealth):
// each condition the kubelet owns turns Unknown, keeping its last heartbeat so `kubectl describe
// node` shows when the kubelet was last heard from.
import type { Node } from '@kctl/shared';

export type NodeCondition = NonNullable<NonNullable<Node['status']>['conditions']>[number];

/** The conditions a kubelet posts (and so the ones that go stale with it). */
export const KUBELET_CONDITION_TYPES = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'] as const;

export const NODE_STATUS_UNKNOWN = 'NodeStatusUnknown';
export const STOPPED_POSTING_MESSAGE = 'Kubelet stopped posting node status.';
export const NODE_STATUS_NEVER_UPDATED = 'NodeStatusNeverUpdated';
export const NEVER_POSTED_MESSAGE = 'Kubelet never posted node status.';

/** The node's conditions with the kubelet's ones Unknown, or undefined when they already are. */
export function conditionsMarkedUnknown(node: Node, now: string): NodeCondition[] | undefined {
  const conditions = [...(node.status?.conditions ?? [])];
  let changed = false;
  for (const type of KUBELET_CONDITION_TYPES) {
    const index = conditions.findIndex((c) => c.type === type);
    const current = conditions[index];
    if (!current) {
      conditions.push({
        type,
        status: 'Unknown',
        reason: NODE_STATUS_NEVER_UPDATED,
        message: NEVER_POSTED_MESSAGE,
        lastHeartbeatTime: node.metadata?.creationTimestamp ?? now,
        lastTransitionTime: now,
      } as NodeCondition);
      changed = true;
    } else if (current.status !== 'Unknown') {
      conditions[index] = { ...current, status: 'Unknown', reason: NODE_STATUS_UNKNOWN, message: STOPPED_POSTING_MESSAGE, lastTransitionTime: now } as NodeCondition;
      changed = true;
    }
  }
  return changed ? conditions : undefined;
}
