// The scheduling arithmetic of the CronJob controller (pkg/controller/cronjob/utils.go): which
// scheduled time is due now, when the next one comes, and the Job a schedule time produces.
import { metaTime, nextScheduleTime } from '@kctl/shared';
import type { CronSchedule, Job, KubernetesObject, ObjectMeta } from '@kctl/shared';
import { controllerRefOf } from '../pod-control/index.js';

export interface CronJob extends KubernetesObject {
  metadata?: ObjectMeta;
  spec?: {
    schedule: string;
    timeZone?: string;
    startingDeadlineSeconds?: number;
    concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
    suspend?: boolean;
    successfulJobsHistoryLimit?: number;
    failedJobsHistoryLimit?: number;
    jobTemplate: { metadata?: ObjectMeta; spec?: Job['spec'] };
  };
  status?: {
    active?: ObjectReference[];
    lastScheduleTime?: string;
    lastSuccessfulTime?: string;
  };
}

export interface ObjectReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
}

/** Upstream stops enumerating missed times past this many ("more than 80, but less than lots"). */
export const TOO_MANY_MISSED = 100;

export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

export interface DueTime {
  /** the most recent unmet schedule time, or undefined when none is due */
  scheduled?: Date;
  /** more than TOO_MANY_MISSED times were missed (upstream logs and warns) */
  tooManyMissed: boolean;
}

/**
 * mostRecentScheduleTime: the latest schedule time after the last one run (or the creation, or
 * now - startingDeadlineSeconds if later) that is not in the future.
 */
export function mostRecentScheduleTime(cronJob: CronJob, schedule: CronSchedule, now: Date, timeZone: string | undefined): DueTime {
  let earliest = Date.parse(cronJob.status?.lastScheduleTime ?? cronJob.metadata?.creationTimestamp ?? '');
  if (Number.isNaN(earliest)) earliest = now.getTime();
  const deadline = cronJob.spec?.startingDeadlineSeconds;
  if (deadline !== undefined && deadline !== null) earliest = Math.max(earliest, now.getTime() - deadline * 1000);
  let scheduled: Date | undefined;
  let missed = 0;
  for (let t = nextScheduleTime(schedule, new Date(earliest), timeZone); t && t.getTime() <= now.getTime(); t = nextScheduleTime(schedule, t, timeZone)) {
    scheduled = t;
    if (++missed > TOO_MANY_MISSED) {
      // Jump close to now instead of walking decades of minutes.
      const last = lastBefore(schedule, now, timeZone, t);
      return { ...(last ? { scheduled: last } : { scheduled }), tooManyMissed: true };
    }
  }
  return { ...(scheduled ? { scheduled } : {}), tooManyMissed: false };
}

/** The last schedule time not after now, searching back from now in growing windows. */
function lastBefore(schedule: CronSchedule, now: Date, timeZone: string | undefined, floor: Date): Date | undefined {
  for (let windowMs = 60 * 60_000; ; windowMs *= 4) {
    const from = Math.max(floor.getTime(), now.getTime() - windowMs);
    let last: Date | undefined;
    for (let t = nextScheduleTime(schedule, new Date(from), timeZone); t && t.getTime() <= now.getTime(); t = nextScheduleTime(schedule, t, timeZone)) last = t;
    if (last || from === floor.getTime()) return last;
  }
}

/** nextScheduleTimeDuration: how long until the next schedule time after the due one (plus upstream's 100 ms slack). */
export function msUntilNextSchedule(cronJob: CronJob, schedule: CronSchedule, now: Date, timeZone: string | undefined, due: Date | undefined): number | undefined {
  const after = due ?? new Date(Date.parse(cronJob.status?.lastScheduleTime ?? cronJob.metadata?.creationTimestamp ?? '') || now.getTime());
  let next = nextScheduleTime(schedule, after, timeZone);
  // A due time that was skipped (too late, or a Forbid conflict) must not pin the wake-up in the past.
  while (next && next.getTime() <= now.getTime()) next = nextScheduleTime(schedule, next, timeZone);
  return next ? next.getTime() - now.getTime() + 100 : undefined;
}

/** getJobName: `<cronjob>-<scheduled time in minutes since the epoch>`. */
export function jobNameFor(cronJob: CronJob, scheduled: Date): string {
  return `${cronJob.metadata?.name ?? ''}-${Math.floor(scheduled.getTime() / 60_000)}`;
}

/** The scheduled time in the CronJob's zone as RFC 3339 with its offset, as Go's time.Format(RFC3339) prints it. */
function rfc3339InZone(at: Date, offsetMs: number): string {
  if (offsetMs === 0) return metaTime(at);
  const wall = new Date(at.getTime() + offsetMs).toISOString().slice(0, 19);
  const minutes = Math.abs(offsetMs) / 60_000;
  const sign = offsetMs < 0 ? '-' : '+';
  return `${wall}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** getJobFromTemplate2: the Job for one schedule time, controlled by the CronJob. */
export function jobFromTemplate(cronJob: CronJob, scheduled: Date, zoneOffsetMs: number): Job {
  const template = cronJob.spec?.jobTemplate ?? {};
  const labels = { ...(template.metadata?.labels ?? {}) };
  const annotations = { ...(template.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP_ANNOTATION]: rfc3339InZone(scheduled, zoneOffsetMs) };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobNameFor(cronJob, scheduled),
      namespace: cronJob.metadata?.namespace ?? '',
      labels,
      annotations,
      ownerReferences: [controllerRefOf(cronJob)],
      // Upstream copies the template's finalizers too.
      ...(template.metadata?.finalizers?.length ? { finalizers: [...template.metadata.finalizers] } : {}),
    },
    spec: structuredClone(template.spec ?? { template: { spec: { containers: [] } } }),
  } as Job;
}
