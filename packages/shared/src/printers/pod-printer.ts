// Pods: `NAME READY STATUS RESTARTS AGE` · wide `IP NODE NOMINATED NODE READINESS GATES`.
import type { Pod, TableRowCondition } from '../api/object-types.js';
import { age } from './human-duration.js';
import { summarizePod } from './pod-status.js';
import { ageColumn, column, definePrinter, nameColumn, wideColumn } from './printer.js';

/** Row conditions mark finished pods; `Completed` is the only type metav1 defines. */
function completedConditions(phase: string | undefined): TableRowCondition[] {
  if (phase === 'Succeeded') {
    return [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
  }
  if (phase === 'Failed') return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
  return [];
}

/** `${true gates}/${gates}`, where a gate counts when the first condition of its type is True. */
function readinessGatesCell(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conditions = pod.status?.conditions ?? [];
  const satisfied = gates.filter((gate) => conditions.find((c) => c.type === gate.conditionType)?.status === 'True');
  return `${satisfied.length}/${gates.length}`;
}

export const podPrinter = definePrinter<Pod>({
  columns: [
    nameColumn(),
    column('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'The aggregate status of the containers in this pod.'),
    column(
      'Restarts',
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ),
    ageColumn(),
    wideColumn('IP', 'IP address allocated to the pod.'),
    wideColumn('Node', 'The node the pod is scheduled onto.'),
    wideColumn('Nominated Node', 'The node the scheduler nominated for the pod after preemption.'),
    wideColumn('Readiness Gates', 'Readiness gates satisfied out of those declared.'),
  ],
  cells(pod, now) {
    const summary = summarizePod(pod, now);
    // The v1→internal conversion folds status.podIP into podIPs[0], hence the fallback.
    const ip = pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || '<none>';
    return [
      pod.metadata?.name ?? '',
      summary.ready,
      summary.status,
      summary.restarts,
      age(pod.metadata?.creationTimestamp, now),
      ip,
      pod.spec?.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      readinessGatesCell(pod),
    ];
  },
  rowConditions: (pod) => completedConditions(pod.status?.phase),
});
