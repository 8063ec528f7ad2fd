// Which pods this scheduler is responsible for, and which changes to a node may let a parked pod fit.
import type { Node, Pod } from '@kctl/shared';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** Unbound, not being deleted, not gated, and addressed to us (or to nobody in particular). */
export function isPendingFor(pod: Pod, schedulerName: string): boolean {
  if (pod.spec?.nodeName || pod.metadata?.deletionTimestamp) return false;
  // Scheduling gates hold a pod back until whoever set them removes them (PreEnqueue).
  if ((pod.spec?.schedulingGates?.length ?? 0) > 0) return false;
  return (pod.spec?.schedulerName || DEFAULT_SCHEDULER_NAME) === schedulerName;
}

export function podPriority(pod: Pod): number {
  return pod.spec?.priority ?? 0;
}

/** A pod spec or labels change can change where it fits; a status write (ours included) cannot. */
export function podSchedulingInputsChanged(pod: Pod, old: Pod): boolean {
  return pod.metadata?.generation !== old.metadata?.generation || JSON.stringify(pod.metadata?.labels) !== JSON.stringify(old.metadata?.labels);
}

function readyStatus(node: Node): string | undefined {
  return node.status?.conditions?.find((c) => c.type === 'Ready')?.status;
}

/** nodeSchedulingPropertiesChange: heartbeats alone do not wake parked pods. */
export function nodeSchedulingPropertiesChanged(node: Node, old: Node): boolean {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  return (
    Boolean(node.spec?.unschedulable) !== Boolean(old.spec?.unschedulable) ||
    !same(node.status?.allocatable, old.status?.allocatable) ||
    !same(node.metadata?.labels, old.metadata?.labels) ||
    !same(node.spec?.taints, old.spec?.taints) ||
    readyStatus(node) !== readyStatus(old)
  );
}
