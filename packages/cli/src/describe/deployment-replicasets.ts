// kubectl's deploymentutil: which ReplicaSets a Deployment owns, which of them is the "new"
// one (its pod template equals the Deployment's, ignoring pod-template-hash) and which are old.
import type { Deployment, PodTemplateSpec, ReplicaSet } from '@kctl/shared';
import { isDeepStrictEqual } from 'node:util';

const POD_TEMPLATE_HASH = 'pod-template-hash';

function withoutHash(template: PodTemplateSpec | undefined): unknown {
  const copy = structuredClone(template ?? {}) as { metadata?: { labels?: Record<string, string> } };
  if (copy.metadata?.labels) {
    delete copy.metadata.labels[POD_TEMPLATE_HASH];
  }
  return copy;
}

/** ReplicaSetsByCreationTimestamp: oldest first, ties broken by name. */
function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const ta = Date.parse(a.metadata?.creationTimestamp ?? '') || 0;
  const tb = Date.parse(b.metadata?.creationTimestamp ?? '') || 0;
  if (ta !== tb) return ta - tb;
  const na = a.metadata?.name ?? '';
  const nb = b.metadata?.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

export function findReplicaSetsOf(deployment: Deployment, listed: ReplicaSet[]): { oldReplicaSets: ReplicaSet[]; newReplicaSet?: ReplicaSet } {
  const uid = deployment.metadata?.uid;
  // Only ReplicaSets whose controller reference points at this Deployment count.
  const owned = listed.filter((rs) => (rs.metadata?.ownerReferences ?? []).some((ref) => ref.controller === true && ref.uid === uid)).sort(byCreation);
  const wanted = withoutHash(deployment.spec?.template);
  const newReplicaSet = owned.find((rs) => isDeepStrictEqual(withoutHash(rs.spec?.template), wanted));
  return { oldReplicaSets: owned.filter((rs) => rs !== newReplicaSet), newReplicaSet };
}
