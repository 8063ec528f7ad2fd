// When a pod on a node with NoExecute taints must go (the taint manager's processPodOnNode): at
// once when some taint is not tolerated; never when every matching toleration is unbounded;
// otherwise the shortest tolerationSeconds after the node was tainted.
import type { Pod } from '@kctl/shared';
import type { Taint } from './node-taints.js';
import { toleratesTaint } from '@kctl/shared';
import type { Toleration } from '@kctl/shared';

export type EvictionDecision =
  | { kind: 'keep' }
  | { kind: 'evict'; at: number };

/**
 * `taintedSince` is when the node got its NoExecute taints (ms since the epoch); the pod is
 * evicted at `taintedSince + min(tolerationSeconds)` of the tolerations it uses.
 */
export function evictionDecision(pod: Pod, taints: readonly Taint[], taintedSince: number): EvictionDecision {
  if (taints.length === 0) return { kind: 'keep' };
  const tolerations = pod.spec?.tolerations ?? [];
  const used: Toleration[] = [];
  for (const taint of taints) {
    const matching = tolerations.filter((t) => toleratesTaint(t, taint));
    if (matching.length === 0) return { kind: 'evict', at: Number.NEGATIVE_INFINITY };
    used.push(...matching);
  }
  const bounded = used.map((t) => t.tolerationSeconds).filter((s): s is number => typeof s === 'number');
  if (bounded.length === 0) return { kind: 'keep' };
  const seconds = Math.max(0, Math.min(...bounded));
  return { kind: 'evict', at: taintedSince + seconds * 1000 };
}

/** The earliest timeAdded among the taints, or `fallback` when none carries one. */
export function taintedSince(taints: readonly Taint[], fallback: number): number {
  const times = taints.map((t) => (t.timeAdded ? Date.parse(t.timeAdded) : Number.NaN)).filter((t) => Number.isFinite(t));
  return times.length > 0 ? Math.min(...times) : fallback;
}
