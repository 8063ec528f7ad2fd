// kctl rollout undo: kubectl's rollbackers. A Deployment gets its template back from the
// ReplicaSet of the target revision (JSON patch of spec.template and metadata.annotations, the
// pod-template-hash label dropped); a DaemonSet or StatefulSet gets its ControllerRevision's data
// back as a strategic merge patch. The result is the operation kubectl prints after the name.
import { isDeepStrictEqual } from 'node:util';
import { resourcePath } from '@kctl/shared';
import type { Deployment, KubernetesObject, PodTemplateSpec } from '@kctl/shared';
import type { DryRunStrategy } from '../../manifests/write-flags.js';
import { PATCH_CONTENT_TYPES } from '../patch.js';
import type { TargetContext, TargetObject } from '../workloads/target-objects.js';
import { printTemplate } from './rollout-history.js';
import { controllerRevisions, deploymentRevisions, REVISION_ANNOTATION } from './revisions.js';
import type { Revision } from './revisions.js';

const POD_TEMPLATE_HASH = 'pod-template-hash';

/** Deployment annotations a rollback keeps from the Deployment rather than taking from the ReplicaSet. */
const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

const revisionNotFound = (revision: number) => new Error(`unable to find specified revision ${revision} in history`);

/** Go's semantic equality treats empty and missing maps and lists alike. */
function pruneEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map(pruneEmpty);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).flatMap(([k, v]) => {
      const pruned = pruneEmpty(v);
      return pruned === undefined ? [] : [[k, pruned] as const];
    });
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value;
}

/** deploymentutil.EqualIgnoreHash */
export function equalIgnoringHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  const strip = (t: PodTemplateSpec | undefined) => {
    const copy = structuredClone(t ?? {});
    if (copy.metadata?.labels) delete copy.metadata.labels[POD_TEMPLATE_HASH];
    return pruneEmpty(copy);
  };
  return isDeepStrictEqual(strip(a), strip(b));
}

/** The revision to go back to: the named one, or (0) the one before the newest. */
export function pickRevision(revisions: Revision[], toRevision: number): Revision | undefined {
  if (toRevision > 0) return revisions.find((r) => r.revision === toRevision);
  const newestFirst = [...revisions].sort((a, b) => b.revision - a.revision);
  return newestFirst[1];
}

/** The JSON patch kubectl sends to restore a Deployment's template and annotations. */
export function deploymentRollbackPatch(deployment: Deployment, target: Revision): unknown[] {
  const template = structuredClone(target.source as { spec?: { template?: PodTemplateSpec } }).spec?.template ?? {};
  if (template.metadata?.labels) delete template.metadata.labels[POD_TEMPLATE_HASH];
  const annotations: Record<string, string> = {};
  for (const key of ANNOTATIONS_TO_SKIP) {
    const value = deployment.metadata?.annotations?.[key];
    if (value !== undefined) annotations[key] = value;
  }
  for (const [key, value] of Object.entries(target.source.metadata?.annotations ?? {})) {
    if (!ANNOTATIONS_TO_SKIP.has(key)) annotations[key] = value;
  }
  return [
    { op: 'replace', path: '/spec/template', value: template },
    { op: 'replace', path: '/metadata/annotations', value: annotations },
  ];
}

export async function rollBack(ctx: Pick<TargetContext, 'client'>, target: TargetObject, toRevision: number, dryRun: DryRunStrategy): Promise<string> {
  if (toRevision < 0) throw revisionNotFound(toRevision);
  const { kind, group } = target.type;
  if (group === 'apps' && kind === 'Deployment') return rollBackDeployment(ctx, target, toRevision, dryRun);
  if (group === 'apps' && (kind === 'DaemonSet' || kind === 'StatefulSet')) return rollBackToControllerRevision(ctx, target, toRevision, dryRun);
  throw new Error(`no rollbacker has been implemented for ${group ? `${kind}.${group}` : kind}`);
}

function dryRunQuery(dryRun: DryRunStrategy): Record<string, string> {
  return dryRun === 'server' ? { dryRun: 'All' } : {};
}

async function rollBackDeployment(ctx: Pick<TargetContext, 'client'>, target: TargetObject, toRevision: number, dryRun: DryRunStrategy): Promise<string> {
  const deployment = target.object as Deployment;
  const revisions = await deploymentRevisions(ctx, target);
  const wanted = pickRevision(revisions, toRevision);
  if (!wanted) {
    if (toRevision > 0) throw revisionNotFound(toRevision);
    throw new Error(`no rollout history found for deployment ${JSON.stringify(target.name)}`);
  }
  const rsTemplate = (wanted.source as { spec?: { template?: PodTemplateSpec } }).spec?.template;
  if (dryRun === 'client') return printTemplate(rsTemplate ?? {});
  if (deployment.spec?.paused) throw new Error("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  if (equalIgnoringHash(rsTemplate, deployment.spec?.template)) return `skipped rollback (current template already matches revision ${toRevision})`;
  const path = resourcePath(target.type, target.namespace, target.name);
  try {
    await ctx.client.patch<KubernetesObject>(path, deploymentRollbackPatch(deployment, wanted), PATCH_CONTENT_TYPES.json!, dryRunQuery(dryRun));
  } catch (err) {
    throw new Error(`failed restoring revision ${toRevision}: ${(err as Error).message}`);
  }
  return 'rolled back';
}

async function rollBackToControllerRevision(ctx: Pick<TargetContext, 'client'>, target: TargetObject, toRevision: number, dryRun: DryRunStrategy): Promise<string> {
  const revisions = await controllerRevisions(ctx, target);
  if (toRevision === 0 && revisions.length <= 1) throw new Error('no last revision to roll back to');
  const wanted = pickRevision(revisions, toRevision);
  if (!wanted) throw revisionNotFound(toRevision);
  // kubectl's printPodTemplate for these kinds says where it goes; the Deployment's does not.
  if (dryRun === 'client') return `will roll back to ${printTemplate(wanted.template)}`;
  const current = (target.object as { spec?: { template?: PodTemplateSpec } }).spec?.template;
  if (isDeepStrictEqual(pruneEmpty(wanted.template), pruneEmpty(current))) return `skipped rollback (current template already matches revision ${toRevision})`;
  const path = resourcePath(target.type, target.namespace, target.name);
  try {
    await ctx.client.patch<KubernetesObject>(path, (wanted.source as { data?: unknown }).data, PATCH_CONTENT_TYPES.strategic!, dryRunQuery(dryRun));
  } catch (err) {
    throw new Error(`failed restoring revision ${toRevision}: ${(err as Error).message}`);
  }
  return 'rolled back';
}
