// A workload's recorded revisions, as kubectl's history viewers and rollbackers find them:
// a Deployment's owned ReplicaSets (revision annotation, change-cause), a DaemonSet's or
// StatefulSet's owned ControllerRevisions (revision field, the template kept in data).
import { labelSelectorString, resourcePath } from '@kctl/shared';
import type { Deployment, KubernetesList, KubernetesObject, PodTemplateSpec, ReplicaSet } from '@kctl/shared';
import type { TargetContext, TargetObject } from '../workloads/target-objects.js';
import { findReplicaSetsOf } from '../../describe/deployment-replicasets.js';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';

export interface Revision {
  revision: number;
  template: PodTemplateSpec;
  changeCause?: string;
  /** the object holding the revision: a ReplicaSet or a ControllerRevision */
  source: KubernetesObject;
}

interface ControllerRevision extends KubernetesObject {
  revision?: number;
  data?: { spec?: { template?: PodTemplateSpec } };
}

async function ownedBySelector<T extends KubernetesObject>(ctx: Pick<TargetContext, 'client'>, path: string, owner: KubernetesObject): Promise<T[]> {
  const selector = labelSelectorString((owner as { spec?: { selector?: never } }).spec?.selector) ?? '';
  const list = await ctx.client.get<KubernetesList<T>>(path, selector ? { labelSelector: selector } : {});
  return list.items;
}

function parseRevision(value: string | undefined): number | undefined {
  if (value === undefined) return 0;
  return /^-?\d+$/.test(value) ? Number(value) : undefined;
}

/** deploymentutil.GetAllReplicaSets, old ones first, the new one (if any) last. */
export async function deploymentReplicaSets(ctx: Pick<TargetContext, 'client'>, target: TargetObject): Promise<ReplicaSet[]> {
  const rsType = { group: 'apps', version: 'v1', resource: 'replicasets', namespaced: true };
  const listed = (await ownedBySelector(ctx, resourcePath(rsType, target.namespace), target.object)) as ReplicaSet[];
  const { oldReplicaSets, newReplicaSet } = findReplicaSetsOf(target.object as Deployment, listed);
  return newReplicaSet ? [...oldReplicaSets, newReplicaSet] : oldReplicaSets;
}

/** Revisions of a Deployment; a ReplicaSet with an unreadable revision is skipped, as kubectl warns and skips. */
export async function deploymentRevisions(ctx: Pick<TargetContext, 'client'>, target: TargetObject): Promise<Revision[]> {
  const revisions: Revision[] = [];
  for (const rs of await deploymentReplicaSets(ctx, target)) {
    const revision = parseRevision(rs.metadata?.annotations?.[REVISION_ANNOTATION]);
    if (revision === undefined) continue;
    const template = structuredClone(rs.spec?.template ?? {});
    const changeCause = rs.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION];
    if (changeCause) template.metadata = { ...template.metadata, annotations: { ...template.metadata?.annotations, [CHANGE_CAUSE_ANNOTATION]: changeCause } };
    revisions.push({ revision, template, ...(changeCause ? { changeCause } : {}), source: rs as KubernetesObject });
  }
  return revisions;
}

/** Revisions of a DaemonSet or StatefulSet: its ControllerRevisions (kubectl's controlledHistory). */
export async function controllerRevisions(ctx: Pick<TargetContext, 'client'>, target: TargetObject): Promise<Revision[]> {
  const crType = { group: 'apps', version: 'v1', resource: 'controllerrevisions', namespaced: true };
  const listed = await ownedBySelector<ControllerRevision>(ctx, resourcePath(crType, target.namespace), target.object);
  const uid = target.object.metadata?.uid;
  return listed
    .filter((cr) => (cr.metadata?.ownerReferences ?? []).some((ref) => ref.controller === true && ref.uid === uid))
    .map((cr) => {
      const changeCause = cr.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION];
      return { revision: Number(cr.revision ?? 0), template: templateOfRevision(cr), ...(changeCause ? { changeCause } : {}), source: cr };
    });
}

/** The template a ControllerRevision keeps: its data is a patch replacing spec.template. */
function templateOfRevision(cr: ControllerRevision): PodTemplateSpec {
  const { $patch: _directive, ...template } = structuredClone(cr.data?.spec?.template ?? {}) as PodTemplateSpec & { $patch?: string };
  return template;
}

/** The revisions of any kind with a history, or kubectl's error for the others. */
export function revisionsOf(ctx: Pick<TargetContext, 'client'>, target: TargetObject): Promise<Revision[]> {
  const { kind, group } = target.type;
  if (group === 'apps' && kind === 'Deployment') return deploymentRevisions(ctx, target);
  if (group === 'apps' && (kind === 'DaemonSet' || kind === 'StatefulSet')) return controllerRevisions(ctx, target);
  return Promise.reject(new Error(`no history viewer has been implemented for ${group ? `${kind}.${group}` : kind}`));
}
