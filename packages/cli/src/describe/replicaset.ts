// kubectl describe replicaset (describe.go's describeReplicaSet).
import type { KubernetesObject, ReplicaSet } from '@kctl/shared';
import { describeWorkloadConditions } from './conditions.js';
import type { DescribeContext } from './context.js';
import type { PodPhaseCounts } from './controller-pods.js';
import { formatPodPhaseCounts, podPhaseCountsFor } from './controller-pods.js';
import { describeEvents, loadEvents } from './events.js';
import { formatLabelSelector } from './label-format.js';
import { printAnnotationsMultiline, printLabelsMultiline } from './multiline.js';
import { controlledBy } from './owner.js';
import { describePodTemplate } from './pod-template.js';
import { LEVEL_0, tabbedString } from './prefix-writer.js';

export async function describeReplicaSet(obj: KubernetesObject, ctx: DescribeContext): Promise<string> {
  const rs = obj as ReplicaSet;
  const meta = rs.metadata ?? {};
  const namespace = meta.namespace ?? '';
  // A failed pod list is reported in place of the counts rather than failing the describe.
  let counts: PodPhaseCounts | Error;
  try {
    counts = await podPhaseCountsFor(ctx, namespace, rs.spec?.selector, meta.uid);
  } catch (err) {
    counts = err instanceof Error ? err : new Error(String(err));
  }
  const events = await loadEvents(ctx, { kind: 'ReplicaSet', name: meta.name ?? '', namespace, uid: meta.uid });
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${namespace}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    const controller = controlledBy(meta);
    if (controller) w.write(LEVEL_0, `Controlled By:\t${controller}\n`);
    w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired\n`);
    w.write(LEVEL_0, 'Pods Status:\t');
    w.write(LEVEL_0, counts instanceof Error ? `error in fetching pods: ${counts.message}\n` : `${formatPodPhaseCounts(counts)}\n`);
    describePodTemplate(rs.spec?.template, w);
    describeWorkloadConditions(rs.status?.conditions, w);
    if (events) describeEvents(events, w, ctx.now);
  });
}
