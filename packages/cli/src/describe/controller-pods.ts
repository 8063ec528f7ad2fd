// describe.go's getPodStatusForController: the "Pods Status:" counts of ReplicaSets,
// DaemonSets and StatefulSets, over the pods their selector matches *and* they control.
import type { Pod } from '@kctl/shared';
import type { DescribeContext } from './context.js';
import { listAll } from './context.js';
import type { LabelSelector } from './label-format.js';
import { labelSelectorString } from './label-format.js';
import { controllerOf } from './owner.js';

export interface PodPhaseCounts {
  running: number;
  waiting: number;
  succeeded: number;
  failed: number;
}

export async function podPhaseCountsFor(
  ctx: DescribeContext,
  namespace: string,
  selector: LabelSelector | undefined,
  controllerUid: string | undefined,
): Promise<PodPhaseCounts> {
  const pods = await listAll<Pod>(ctx.client, `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`, {
    labelSelector: labelSelectorString(selector) || undefined,
  });
  const counts: PodPhaseCounts = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  for (const pod of pods) {
    // Orphans and pods of another controller that happen to match are not counted.
    if (controllerOf(pod.metadata)?.uid !== controllerUid) continue;
    if (pod.status?.phase === 'Running') counts.running++;
    else if (pod.status?.phase === 'Pending') counts.waiting++;
    else if (pod.status?.phase === 'Succeeded') counts.succeeded++;
    else if (pod.status?.phase === 'Failed') counts.failed++;
  }
  return counts;
}

export function formatPodPhaseCounts(c: PodPhaseCounts): string {
  return `${c.running} Running / ${c.waiting} Waiting / ${c.succeeded} Succeeded / ${c.failed} Failed`;
}
