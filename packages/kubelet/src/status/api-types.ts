// The slices of the Pod API the status code builds, named once.
import type { Container, Pod } from '@kctl/shared';

export type PodStatus = NonNullable<Pod['status']>;
export type ContainerStatus = NonNullable<PodStatus['containerStatuses']>[number];
export type ContainerStateApi = NonNullable<ContainerStatus['state']>;
export type TerminatedState = NonNullable<ContainerStateApi['terminated']>;
export type PodCondition = NonNullable<PodStatus['conditions']>[number];
export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
export type { Container, Pod };

/** format.Pod: how the kubelet names a pod in messages, NAME_NAMESPACE(UID). */
export function formatPod(pod: Pod): string {
  return `${pod.metadata?.name ?? ''}_${pod.metadata?.namespace ?? ''}(${pod.metadata?.uid ?? ''})`;
}

export function podRestartPolicy(pod: Pod): 'Always' | 'OnFailure' | 'Never' {
  const policy = pod.spec?.restartPolicy;
  return policy === 'OnFailure' || policy === 'Never' ? policy : 'Always';
}
