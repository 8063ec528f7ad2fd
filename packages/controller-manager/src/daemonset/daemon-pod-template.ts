// The pod template a DaemonSet creates on one node. Since Kubernetes 1.12 daemon pods are not
// bound by the controller: they carry a required node affinity on metadata.name and the default
// scheduler binds them, so resources, ports and preemption are checked like for any pod.
import type { Pod, PodTemplateSpec } from '@kctl/shared';
import { CONTROLLER_REVISION_HASH_LABEL } from '../controller-history/controller-revisions.js';
import { withDaemonTolerations } from './node-eligibility.js';

/** extensions.DaemonSetTemplateGenerationKey: the DaemonSet's generation when the pod was made. */
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';

type PodSpec = NonNullable<Pod['spec']>;
type Affinity = NonNullable<PodSpec['affinity']>;

/** ReplaceDaemonSetPodNodeNameNodeAffinity: the required terms become the one node's name. */
export function affinityForNode(affinity: Affinity | undefined, nodeName: string): Affinity {
  const required = { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In' as const, values: [nodeName] }] }] } satisfies NonNullable<NonNullable<Affinity['nodeAffinity']>['requiredDuringSchedulingIgnoredDuringExecution']>;
  return {
    ...(affinity ?? {}),
    nodeAffinity: { ...(affinity?.nodeAffinity ?? {}), requiredDuringSchedulingIgnoredDuringExecution: required },
  };
}

/** The node a daemon pod is for: bound, or named by the affinity the controller gave it (GetTargetNodeName). */
export function targetNodeOf(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    const field = term.matchFields?.find((f) => f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1);
    if (field) return field.values![0];
  }
  return undefined;
}

/** NewPod + CreatePodTemplate: the template with daemon tolerations, revision labels and the node's affinity. */
export function daemonPodTemplate(template: PodTemplateSpec | undefined, nodeName: string, hash: string, generation: number | undefined): PodTemplateSpec {
  const spec: PodSpec = structuredClone(template?.spec ?? { containers: [] });
  spec.tolerations = withDaemonTolerations(spec.tolerations, spec.hostNetwork === true);
  spec.affinity = affinityForNode(spec.affinity, nodeName);
  const labels = {
    ...(template?.metadata?.labels ?? {}),
    ...(generation !== undefined ? { [TEMPLATE_GENERATION_LABEL]: String(generation) } : {}),
    [CONTROLLER_REVISION_HASH_LABEL]: hash,
  };
  return { metadata: { ...(template?.metadata ?? {}), labels }, spec };
}
