// The taints a node carries for its Ready condition. The node lifecycle controller adds them
// (TaintNodesByCondition); the scheduler reads them here even before it has, so a node that is
// not Ready never gets pods that do not tolerate that, and the message names the taint as
// Kubernetes shows it.
import type { Node } from '@kctl/shared';
import type { Taint } from '@kctl/shared';

export const NOT_READY_TAINT_KEY = 'node.kubernetes.io/not-ready';
export const UNREACHABLE_TAINT_KEY = 'node.kubernetes.io/unreachable';

export function readyConditionTaint(node: Node): Taint | undefined {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready?.status === 'True') return undefined;
  return { key: ready?.status === 'False' ? NOT_READY_TAINT_KEY : UNREACHABLE_TAINT_KEY, effect: 'NoSchedule' };
}

/** spec.taints plus the Ready condition's taint when the controller has not added it yet. */
export function effectiveTaints(node: Node): Taint[] {
  const taints: Taint[] = (node.spec?.taints ?? []).map((t) => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: t.effect }));
  const implied = readyConditionTaint(node);
  if (implied && !taints.some((t) => t.key === implied.key)) taints.push(implied);
  return taints;
}
