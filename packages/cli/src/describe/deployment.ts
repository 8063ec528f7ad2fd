// kubectl describe deployment (describe.go's describeDeployment), with OldReplicaSets /
// NewReplicaSet found like kubectl's deploymentutil.GetAllReplicaSetsInChunks.
import type { Deployment, KubernetesObject, ReplicaSet } from '@kctl/shared';
import { describeWorkloadConditions } from './conditions.js';
import type { DescribeContext } from './context.js';
import { listAll } from './context.js';
import { describeEvents, loadEvents } from './events.js';
import { labelSelectorString } from './label-format.js';
import { printAnnotationsMultiline, printLabelsMultiline } from './multiline.js';
import { describePodTemplate } from './pod-template.js';
import { LEVEL_0, tabbedString } from './prefix-writer.js';
import { findReplicaSetsOf } from './deployment-replicasets.js';
import { formatRfc1123z } from './time-format.js';

/** printReplicaSetsByLabels: "web-5d8f (3/3 replicas created)", "<none>" when empty. */
function formatReplicaSets(sets: ReplicaSet[]): string {
  return sets.map((rs) => `${rs.metadata?.name ?? ''} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 1} replicas created)`).join(', ') || '<none>';
}

export async function describeDeployment(obj: KubernetesObject, ctx: DescribeContext): Promise<string> {
  const d = obj as Deployment;
  const meta = d.metadata ?? {};
  const namespace = meta.namespace ?? '';
  const selector = labelSelectorString(d.spec?.selector);
  const events = await loadEvents(ctx, { kind: 'Deployment', name: meta.name ?? '', namespace, uid: meta.uid });
  // kubectl ignores a failed ReplicaSet list and just leaves the two lines out.
  let replicaSets: ReplicaSet[] = [];
  try {
    replicaSets = await listAll<ReplicaSet>(ctx.client, `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/replicasets`, {
      labelSelector: selector || undefined,
    });
  } catch {
    replicaSets = [];
  }
  const { oldReplicaSets, newReplicaSet } = findReplicaSetsOf(d, replicaSets);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${namespace}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRfc1123z(meta.creationTimestamp)}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    w.write(LEVEL_0, `Selector:\t${selector}\n`);
    const s = d.status ?? {};
    w.write(
      LEVEL_0,
      `Replicas:\t${d.spec?.replicas ?? 1} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable\n`,
    );
    w.write(LEVEL_0, `StrategyType:\t${d.spec?.strategy?.type ?? ''}\n`);
    w.write(LEVEL_0, `MinReadySeconds:\t${d.spec?.minReadySeconds ?? 0}\n`);
    const rollingUpdate = d.spec?.strategy?.rollingUpdate;
    if (rollingUpdate) {
      w.write(LEVEL_0, `RollingUpdateStrategy:\t${intOrStringText(rollingUpdate.maxUnavailable)} max unavailable, ${intOrStringText(rollingUpdate.maxSurge)} max surge\n`);
    }
    describePodTemplate(d.spec?.template, w);
    describeWorkloadConditions(d.status?.conditions, w);
    if (oldReplicaSets.length > 0 || newReplicaSet) {
      w.write(LEVEL_0, `OldReplicaSets:\t${formatReplicaSets(oldReplicaSets)}\n`);
      w.write(LEVEL_0, `NewReplicaSet:\t${formatReplicaSets(newReplicaSet ? [newReplicaSet] : [])}\n`);
    }
    if (events) describeEvents(events, w, ctx.now);
  });
}

/** (*intstr.IntOrString).String(): "25%" or "1", and "<nil>" when the field is unset. */
function intOrStringText(value: string | number | undefined): string {
  return value === undefined || value === null ? '<nil>' : String(value);
}
