// The "0/3 nodes are available: ..." message of kube-scheduler's FitError, followed by what the
// default preemption plugin says (kctl does not preempt, so it reports what upstream reports when
// no node has lower-priority victims).
import type { Pod } from '@kctl/shared';
import type { FilterFailure } from './filters/index.js';

export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';
const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
const NO_VICTIMS = 'No preemption victims found for incoming pod';

/** "N reason" strings sorted as strings (sort.Strings), so "10 x" comes before "3 y". */
function histogram(reasons: Iterable<string>): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort().join(', ');
}

function nodesAvailable(numAllNodes: number, reasons: Iterable<string>): string {
  const listed = histogram(reasons);
  return `0/${numAllNodes} nodes are available${listed ? `: ${listed}` : ':'}.`;
}

/** The PostFilter (DefaultPreemption) message for a pod that fits nowhere. */
export function preemptionMessage(pod: Pod, failures: readonly FilterFailure[], numAllNodes: number): string {
  if (pod.spec?.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
  // Nodes that failed for a reason evicting pods cannot fix are not candidates at all; on the rest,
  // only pods of lower priority could be victims (see gaps: kctl never preempts).
  return nodesAvailable(
    numAllNodes,
    failures.map((f) => (f.code === 'UnschedulableAndUnresolvable' ? PREEMPTION_NOT_HELPFUL : NO_VICTIMS)),
  );
}

export function fitErrorMessage(pod: Pod, failures: readonly FilterFailure[], numAllNodes: number): string {
  const filterPart = nodesAvailable(numAllNodes, failures.flatMap((f) => f.reasons));
  return `${filterPart} preemption: ${preemptionMessage(pod, failures, numAllNodes)}`;
}
