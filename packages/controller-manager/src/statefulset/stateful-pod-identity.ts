// A StatefulSet pod's stable identity (pkg/controller/statefulset/stateful_set_utils.go): its name
// <set>-<ordinal>, hostname and subdomain (the governing Service gives it a DNS name), identity
// labels, and one claim per volumeClaimTemplate named <template>-<set>-<ordinal>, which outlives
// the pod so a replacement finds the same data.
import type { Pod, PodTemplateSpec } from '@kctl/shared';
import { CONTROLLER_REVISION_HASH_LABEL } from '../controller-history/controller-revisions.js';
import { podFromTemplate } from '../pod-control/index.js';
import type { ClaimTemplate, StatefulSet } from './stateful-set-types.js';

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

const ORDINAL_NAME = /^(.*)-([0-9]+)$/;

export const podNameFor = (set: StatefulSet, ordinal: number) => `${set.metadata?.name ?? ''}-${ordinal}`;

/** getParentNameAndOrdinal: -1 when the name has no ordinal suffix. */
export function parentAndOrdinal(pod: Pod): { parent: string; ordinal: number } {
  const match = ORDINAL_NAME.exec(pod.metadata?.name ?? '');
  return match ? { parent: match[1]!, ordinal: Number(match[2]) } : { parent: '', ordinal: -1 };
}

/** isMemberOf: named after the set (a pod of another set sharing labels is not ours to claim). */
export const isMemberOf = (set: StatefulSet, pod: Pod) => parentAndOrdinal(pod).parent === set.metadata?.name;

export const claimNameFor = (set: StatefulSet, template: ClaimTemplate, ordinal: number) => `${template.metadata?.name ?? ''}-${podNameFor(set, ordinal)}`;

/** getPersistentVolumeClaims: the claims for one ordinal, labelled with the set's selector labels. */
export function claimsFor(set: StatefulSet, ordinal: number): Array<ClaimTemplate & { apiVersion: string; kind: string }> {
  return (set.spec?.volumeClaimTemplates ?? []).map((template) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      name: claimNameFor(set, template, ordinal),
      namespace: set.metadata?.namespace ?? '',
      labels: { ...(template.metadata?.labels ?? {}), ...(set.spec?.selector?.matchLabels ?? {}) },
    },
    spec: structuredClone(template.spec ?? {}),
  }));
}

/** newVersionedStatefulSetPod: the pod for one ordinal from a revision's template. */
export function statefulPod(set: StatefulSet, template: PodTemplateSpec, revisionName: string, ordinal: number): Pod {
  const name = podNameFor(set, ordinal);
  const pod = podFromTemplate(set.metadata?.namespace ?? '', template, set, {
    name,
    extraLabels: { [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal), [CONTROLLER_REVISION_HASH_LABEL]: revisionName },
  });
  const spec = pod.spec!;
  spec.hostname = name;
  if (set.spec?.serviceName) spec.subdomain = set.spec.serviceName;
  // updateStorage: each claim template's volume points at this ordinal's claim, replacing a template volume of that name.
  const claimVolumes = (set.spec?.volumeClaimTemplates ?? []).map((claim) => ({
    name: claim.metadata?.name ?? '',
    persistentVolumeClaim: { claimName: claimNameFor(set, claim, ordinal) },
  }));
  const names = new Set(claimVolumes.map((v) => v.name));
  spec.volumes = [...(spec.volumes ?? []).filter((v) => !names.has(v.name)), ...claimVolumes];
  if (spec.volumes.length === 0) delete spec.volumes;
  return pod;
}
