// The pod predicates controllers count with (pkg/api/v1/pod/util.go and controller_utils.go).
import type { Pod } from '@kctl/shared';

type PodCondition = NonNullable<NonNullable<Pod['status']>['conditions']>[number];

/** IsPodActive: not terminating and not finished; only active pods count as replicas. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata?.deletionTimestamp;
}

export function podReadyCondition(pod: Pod): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

export function isPodReady(pod: Pod): boolean {
  return podReadyCondition(pod)?.status === 'True';
}

/** When the pod last became ready (ms), or undefined when not ready or unknown. */
export function podReadyTime(pod: Pod): number | undefined {
  const condition = podReadyCondition(pod);
  if (condition?.status !== 'True' || !condition.lastTransitionTime) return undefined;
  const at = Date.parse(condition.lastTransitionTime);
  return Number.isNaN(at) ? undefined : at;
}

/** IsPodAvailable: ready for at least minReadySeconds (always, when minReadySeconds is 0). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds === 0) return true;
  const since = podReadyTime(pod);
  return since !== undefined && since + minReadySeconds * 1000 < now;
}
