// The deployment.kubernetes.io annotations (deploymentutil): the revision each ReplicaSet stands
// for (and, after a rollback re-used it, the revisions it stood for before), and the Deployment's
// desired / maximum size when the ReplicaSet was last scaled, which proportional scaling reads.
import type { Deployment, ReplicaSet } from '@kctl/shared';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const DEPRECATED_ROLLBACK_TO = 'deprecated.deployment.rollback.to';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** maxRevHistoryLengthInChars of the controller */
export const MAX_REVISION_HISTORY_CHARS = 2000;

const SKIPPED = new Set([LAST_APPLIED, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION, DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, DEPRECATED_ROLLBACK_TO]);

/** strconv.ParseInt base 10: only an optional sign and digits. */
function parseInt64(text: string | undefined): number | undefined {
  if (text === undefined || !/^[+-]?\d+$/.test(text)) return undefined;
  return Number(text);
}

/** deploymentutil.Revision; a missing or malformed annotation counts as 0 (MaxRevision skips it). */
export function revisionOf(rs: ReplicaSet): number {
  return parseInt64(rs.metadata?.annotations?.[REVISION_ANNOTATION]) ?? 0;
}

export function maxRevision(rss: readonly ReplicaSet[]): number {
  return rss.reduce((max, rs) => Math.max(max, revisionOf(rs)), 0);
}

/** ReplicaSetsByRevision: lowest revision first, ties by age. */
export function byRevision(a: ReplicaSet, b: ReplicaSet, byAge: (a: ReplicaSet, b: ReplicaSet) => number): number {
  return revisionOf(a) - revisionOf(b) || byAge(a, b);
}

export function desiredReplicasAnnotation(rs: ReplicaSet): number | undefined {
  return parseInt64(rs.metadata?.annotations?.[DESIRED_REPLICAS_ANNOTATION]);
}

export function maxReplicasAnnotation(rs: ReplicaSet): number | undefined {
  return parseInt64(rs.metadata?.annotations?.[MAX_REPLICAS_ANNOTATION]);
}

function annotationsOf(obj: { metadata?: { annotations?: Record<string, string> } }): Record<string, string> {
  const meta = (obj.metadata ??= {});
  return (meta.annotations ??= {});
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const annotations = rs.metadata?.annotations ?? {};
  return annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || annotations[MAX_REPLICAS_ANNOTATION] !== String(max);
}

/** SetReplicasAnnotations on a copy the caller owns; true when something changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  if (!replicasAnnotationsNeedUpdate(rs, desired, max)) return false;
  const annotations = annotationsOf(rs);
  annotations[DESIRED_REPLICAS_ANNOTATION] = String(desired);
  annotations[MAX_REPLICAS_ANNOTATION] = String(max);
  return true;
}

/** copyDeploymentAnnotationsToReplicaSet: the Deployment's own annotations, minus the controller's and kubectl apply's. */
function copyDeploymentAnnotations(d: Deployment, rs: ReplicaSet): boolean {
  const annotations = annotationsOf(rs);
  let changed = false;
  for (const [key, value] of Object.entries(d.metadata?.annotations ?? {})) {
    if (SKIPPED.has(key) || annotations[key] === value) continue;
    annotations[key] = value;
    changed = true;
  }
  return changed;
}

/**
 * SetNewReplicaSetAnnotations on a copy the caller owns: copies the Deployment's annotations,
 * raises the revision to `newRevision` when it is lower (keeping the previous one in
 * revision-history, as a rollback to this ReplicaSet does), and on creation (`exists` false)
 * records the desired and maximum sizes. True when something changed.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean, maxSurge: number): boolean {
  let changed = copyDeploymentAnnotations(d, rs);
  const annotations = annotationsOf(rs);
  const oldText = annotations[REVISION_ANNOTATION];
  const hadRevision = oldText !== undefined;
  const oldRevision = parseInt64(oldText);
  if (oldRevision === undefined && oldText !== undefined && oldText !== '') return false;
  if ((oldRevision ?? 0) < newRevision) {
    annotations[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (hadRevision) {
      const history = annotations[REVISION_HISTORY_ANNOTATION] ?? '';
      if (history === '') {
        annotations[REVISION_HISTORY_ANNOTATION] = oldText;
      } else {
        // Drop the oldest entries until the list fits in the annotation budget.
        let revisions = history.split(',');
        let total = history.length + oldText.length + 1;
        while (total > MAX_REVISION_HISTORY_CHARS && revisions.length > 0) {
          total -= revisions[0]!.length + 1;
          revisions = revisions.slice(1);
        }
        if (total <= MAX_REVISION_HISTORY_CHARS) annotations[REVISION_HISTORY_ANNOTATION] = [...revisions, oldText].join(',');
      }
    }
  }
  const desired = d.spec?.replicas ?? 0;
  if (!exists && setReplicasAnnotations(rs, desired, desired + maxSurge)) changed = true;
  return changed;
}

/** SetDeploymentRevision on the working copy of the Deployment; true when it changed. */
export function setDeploymentRevision(d: Deployment, revision: string): boolean {
  const annotations = annotationsOf(d);
  if (annotations[REVISION_ANNOTATION] === revision) return false;
  annotations[REVISION_ANNOTATION] = revision;
  return true;
}
