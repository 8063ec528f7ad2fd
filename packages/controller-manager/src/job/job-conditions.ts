// Job conditions as Kubernetes 1.32 writes them. A Job that meets its success or failure criteria
// first gets the interim SuccessCriteriaMet / FailureTarget condition; the terminal Complete /
// Failed follows once no pod of it is still terminating (upstream's delayTerminalCondition, on
// by default since JobPodReplacementPolicy and JobManagedBy went beta).
import type { Job } from '@kctl/shared';

export type JobCondition = NonNullable<NonNullable<Job['status']>['conditions']>[number];

export const REASON_BACKOFF_LIMIT_EXCEEDED = 'BackoffLimitExceeded';
export const REASON_DEADLINE_EXCEEDED = 'DeadlineExceeded';
export const REASON_COMPLETIONS_REACHED = 'CompletionsReached';
export const MESSAGE_BACKOFF_LIMIT_EXCEEDED = 'Job has reached the specified backoff limit';
export const MESSAGE_DEADLINE_EXCEEDED = 'Job was active longer than specified deadline';
export const MESSAGE_COMPLETIONS_REACHED = 'Reached expected number of succeeded pods';

export function newCondition(type: string, status: 'True' | 'False', reason: string, message: string, now: string): JobCondition {
  return { type, status, reason, message, lastProbeTime: now, lastTransitionTime: now };
}

export function findCondition(job: Job, type: string): JobCondition | undefined {
  return job.status?.conditions?.find((c) => c.type === type);
}

const isTrue = (job: Job, type: string) => findCondition(job, type)?.status === 'True';

/** IsJobFinished: Complete or Failed is True. */
export const isJobFinished = (job: Job): boolean => isTrue(job, 'Complete') || isTrue(job, 'Failed');

/** The condition that finished the job, if any. */
export function finishedCondition(job: Job): JobCondition | undefined {
  return job.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

/**
 * ensureJobConditionStatus: sets the condition, keeping lastTransitionTime when the status does
 * not change; returns the new list and whether anything changed.
 */
export function ensureCondition(conditions: readonly JobCondition[], wanted: JobCondition): { conditions: JobCondition[]; changed: boolean } {
  const index = conditions.findIndex((c) => c.type === wanted.type);
  if (index < 0) {
    // Upstream appends new conditions only when they are True.
    return wanted.status === 'True' ? { conditions: [...conditions, wanted], changed: true } : { conditions: [...conditions], changed: false };
  }
  const current = conditions[index]!;
  if (current.status === wanted.status && current.reason === wanted.reason && current.message === wanted.message) return { conditions: [...conditions], changed: false };
  const next = [...conditions];
  next[index] = {
    ...wanted,
    ...(current.status === wanted.status ? { lastTransitionTime: current.lastTransitionTime } : {}),
  } as JobCondition;
  return { conditions: next, changed: true };
}
