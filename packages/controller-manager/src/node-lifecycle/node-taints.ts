// The taints that follow a node's Ready condition (TaintNodesByCondition and taint-based
// eviction in Kubernetes' node lifecycle controller): Ready=False → not-ready, Ready=Unknown →
// unreachable, each with NoSchedule (no new pods) and NoExecute (evict the pods already there).
import type { Node } from '@kctl/shared';

export type Taint = NonNullable<NonNullable<Node['spec']>['taints']>[number];

export const NOT_READY_TAINT_KEY = 'node.kubernetes.io/not-ready';
export const UNREACHABLE_TAINT_KEY = 'node.kubernetes.io/unreachable';
const CONDITION_TAINT_KEYS = [NOT_READY_TAINT_KEY, UNREACHABLE_TAINT_KEY];
const EFFECTS = ['NoSchedule', 'NoExecute'] as const;

/** The taint key a Ready status calls for; none for True, and none before the node ever reported. */
export function conditionTaintKey(readyStatus: string | undefined): string | undefined {
  if (readyStatus === 'False') return NOT_READY_TAINT_KEY;
  if (readyStatus === 'Unknown') return UNREACHABLE_TAINT_KEY;
  return undefined;
}

export function readyStatusOf(node: Node): string | undefined {
  return node.status?.conditions?.find((c) => c.type === 'Ready')?.status;
}

/**
 * The node's taints with the condition taints brought in line with its Ready status, or
 * undefined when they already are. Other taints, and the timeAdded of a taint that stays, are
 * kept: the taint manager counts tolerationSeconds from it.
 */
export function alignConditionTaints(taints: readonly Taint[], readyStatus: string | undefined, now: string): Taint[] | undefined {
  const wantedKey = conditionTaintKey(readyStatus);
  const kept = taints.filter((t) => !CONDITION_TAINT_KEYS.includes(t.key) || t.key === wantedKey);
  const added: Taint[] = [];
  if (wantedKey) {
    for (const effect of EFFECTS) {
      if (kept.some((t) => t.key === wantedKey && t.effect === effect)) continue;
      added.push({ key: wantedKey, effect, ...(effect === 'NoExecute' ? { timeAdded: now } : {}) });
    }
  }
  if (added.length === 0 && kept.length === taints.length) return undefined;
  return [...kept, ...added];
}

export function noExecuteTaints(node: Node | undefined): Taint[] {
  return (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
}
