// How the Job controller reads its pods (pkg/controller/job/job_controller.go and
// pkg/controller/job/backoff_utils.go): which are active, which finished and how, which count
// as terminating, and how long the pod failure back-off still holds back replacements.
import type { Job, Pod } from '@kctl/shared';

/** Held on every pod the controller creates until its outcome is in the Job's status. */
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';

/** Upstream's DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff. */
export const DEFAULT_POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_POD_FAILURE_BACKOFF_MS = 10 * 60_000;

const isTerminal = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/** controller.FilterActivePods: not finished and not being deleted. */
export const isActivePod = (pod: Pod): boolean => !isTerminal(pod) && !pod.metadata?.deletionTimestamp;

/** Being deleted but still running: its replacement may wait for it (podReplacementPolicy). */
export const isTerminatingPod = (pod: Pod): boolean => !isTerminal(pod) && !!pod.metadata?.deletionTimestamp;

export const hasTrackingFinalizer = (pod: Pod): boolean => pod.metadata?.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;

export const isPodReady = (pod: Pod): boolean => pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** podReplacementPolicy Failed: a terminating pod is replaced only once it has failed. */
export const onlyReplaceFailedPods = (job: Job): boolean => job.spec?.podReplacementPolicy === 'Failed' || job.spec?.podFailurePolicy !== undefined;

/**
 * isPodFailed: the Failed phase or, unless only failed pods are replaced, a deleted pod that did
 * not succeed (orphaned pods never get the chance to reach Failed).
 */
export function isPodFailed(pod: Pod, job: Job): boolean {
  if (pod.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return !!pod.metadata?.deletionTimestamp && pod.status?.phase !== 'Succeeded';
}

/** pastBackoffLimitOnFailure: with restartPolicy OnFailure the kubelet restarts containers, so restarts are the failures. */
export function pastBackoffLimitOnFailure(job: Job, pods: readonly Pod[]): boolean {
  if (job.spec?.template.spec?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const pod of pods) {
    if (pod.status?.phase !== 'Running' && pod.status?.phase !== 'Pending') continue;
    for (const status of [...(pod.status.initContainerStatuses ?? []), ...(pod.status.containerStatuses ?? [])]) restarts += status.restartCount;
  }
  const limit = job.spec.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

/** getFinishedTime: the last container termination, else the Ready condition's change, else the deletion. */
export function finishedTime(pod: Pod): number | undefined {
  let latest: number | undefined;
  for (const status of pod.status?.containerStatuses ?? []) {
    const at = status.state?.terminated?.finishedAt;
    if (at !== undefined) latest = Math.max(latest ?? 0, Date.parse(at));
  }
  if (latest !== undefined) return latest;
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime;
  if (ready) return Date.parse(ready);
  const deleted = pod.metadata?.deletionTimestamp;
  return deleted ? Date.parse(deleted) : undefined;
}

/**
 * The pod failure back-off (backoffRecord.getRemainingTime): 10 s doubling per failure since the
 * last success, capped at 10 minutes, counted from the last failure. Upstream keeps the record in
 * memory from the pods it saw finish; here it is derived from the finished pods each time.
 */
export function remainingBackoffMs(job: Job, pods: readonly Pod[], now: number, baseMs = DEFAULT_POD_FAILURE_BACKOFF_MS, maxMs = MAX_POD_FAILURE_BACKOFF_MS): number {
  const finished = pods
    .filter((pod) => pod.status?.phase === 'Succeeded' || isPodFailed(pod, job))
    .map((pod) => ({ failed: pod.status?.phase !== 'Succeeded', at: finishedTime(pod) ?? now }))
    .sort((a, b) => a.at - b.at);
  let failures = 0;
  let lastFailure = 0;
  for (const { failed, at } of finished) {
    if (failed) {
      failures++;
      lastFailure = at;
    } else {
      failures = 0;
    }
  }
  if (failures === 0) return 0;
  let backoff = baseMs;
  for (let i = 1; i < failures && backoff < maxMs; i++) backoff = Math.min(backoff * 2, maxMs);
  return Math.max(0, backoff - (now - lastFailure));
}

/**
 * The order in which surplus active pods go (controller.ActivePods): unscheduled before scheduled,
 * pending before running, not ready before ready, then the youngest first.
 */
export function removalOrder(a: Pod, b: Pod): number {
  const rank = (pod: Pod) => [pod.spec?.nodeName ? 1 : 0, pod.status?.phase === 'Pending' || !pod.status?.phase ? 0 : pod.status.phase === 'Running' ? 2 : 1, isPodReady(pod) ? 1 : 0];
  const [ra, rb] = [rank(a), rank(b)];
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
  return Date.parse(b.metadata?.creationTimestamp ?? '') - Date.parse(a.metadata?.creationTimestamp ?? '');
}
