// The CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go): each CronJob is synced
// when it or one of its Jobs changes and again just after its next schedule time. A sync
// reconciles status.active with the Jobs that exist, starts the Job of the most recent due
// schedule time (honouring suspend, startingDeadlineSeconds and the concurrency policy), and
// deletes finished Jobs beyond the history limits.
import { ApiError, WorkQueue, defaultCatalog, isValidTimeZone, metaTime, parseCronSchedule, resourcePath, runWorkers, zoneOffsetMs } from '@kctl/shared';
import type { Informer, ApiClient, BackoffOptions, Job } from '@kctl/shared';
import type { Logger } from 'pino';
import { controllerOf, recorderFor } from '../pod-control/index.js';
import { finishedCondition, isJobFinished } from '../job/job-conditions.js';
import { jobFromTemplate, jobNameFor, mostRecentScheduleTime, msUntilNextSchedule } from './cronjob-schedule.js';
import type { CronJob, ObjectReference } from './cronjob-schedule.js';
import { controllerInformers } from '../shared-informers.js';
import type { SharedInformerFactory } from '../shared-informers.js';
import { isNotFound } from '../controller-runtime.js';

export interface CronJobControllerOptions {
  client: ApiClient;
  logger: Logger;
  workers?: number;
  reconnectBackoff?: BackoffOptions;
  /** the controller manager's shared informers; without them the controller makes its own */
  informers?: SharedInformerFactory;
  clock?: () => number;
}

const CRONJOBS = defaultCatalog.resolve('cronjobs')!;
const JOBS = defaultCatalog.resolve('jobs')!;

const keyOf = (namespace: string | undefined, name: string | undefined) => `${namespace ?? ''}/${name ?? ''}`;
const BACKGROUND = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' };

/** The CronJob controlling the job, as a queue key. */
function cronJobKeyOf(job: Job): string | undefined {
  const ref = controllerOf(job);
  return ref?.kind === 'CronJob' ? keyOf(job.metadata?.namespace, ref.name) : undefined;
}

export class CronJobController {
  private readonly client: ApiClient;
  private readonly log: Logger;
  private readonly workers: number;
  private readonly now: () => number;
  private readonly cronJobs: Informer<CronJob>;
  private readonly jobs: Informer<Job>;
  private readonly queue = new WorkQueue<string>();
  private loop: Promise<void> | undefined;
  private readonly releaseInformers: () => void;

  constructor(opts: CronJobControllerOptions) {
    this.client = opts.client;
    this.log = opts.logger;
    this.workers = opts.workers ?? 5;
    this.now = opts.clock ?? Date.now;
    const { factory, release } = controllerInformers(opts, (err) => this.log.error({ err }, 'informer handler failed'));
    this.releaseInformers = release;
    this.cronJobs = factory.informerFor<CronJob>(CRONJOBS);
    this.jobs = factory.informerFor<Job>(JOBS);
    const enqueue = (cj: CronJob) => this.queue.add(keyOf(cj.metadata?.namespace, cj.metadata?.name));
    this.cronJobs.onAdd(enqueue);
    this.cronJobs.onUpdate(enqueue);
    const jobChanged = (job: Job, old?: Job) => {
      for (const key of new Set([cronJobKeyOf(job), old && cronJobKeyOf(old)])) if (key) this.queue.add(key);
    };
    this.jobs.onAdd((job) => jobChanged(job));
    this.jobs.onUpdate((job, old) => jobChanged(job, old));
    this.jobs.onDelete((job) => jobChanged(job));
  }

  async start(): Promise<void> {
    await Promise.all([this.cronJobs.start(), this.jobs.start()]);
    this.log.info({ cronJobs: this.cronJobs.list().length }, 'cronjob controller synced');
    this.loop = runWorkers(this.queue, this.workers, (key) => this.sync(key), {
      onError: (key, err) => this.log.warn({ cronJob: key, err: (err as Error).message }, 'syncing cronjob failed, will retry'),
    });
  }

  async stop(): Promise<void> {
    this.releaseInformers();
    this.queue.shutDown();
    await this.loop;
  }

  private async sync(key: string): Promise<{ requeueAfter: number } | void> {
    const slash = key.indexOf('/');
    const cached = this.cronJobs.get(key.slice(0, slash), key.slice(slash + 1));
    if (!cached) return;
    // A working copy: the cache's objects are frozen, and a fresher read may replace it.
    const cronJob = structuredClone(cached) as CronJob;
    cronJob.status ??= {};
    const ownedJobs = this.jobs.list().filter((job) => job.metadata?.namespace === cronJob.metadata?.namespace && controllerOf(job)?.uid === cronJob.metadata?.uid);
    let changed = await this.reconcileActive(cronJob, ownedJobs);
    const result = await this.schedule(cronJob);
    changed ||= result.changed;
    if (changed) await this.writeStatus(cronJob);
    await this.cleanupFinishedJobs(cronJob, ownedJobs);
    return result.requeueAfter === undefined ? undefined : { requeueAfter: result.requeueAfter };
  }

  /** The first half of syncCronJob: status.active against the Jobs that exist, and lastSuccessfulTime. */
  private async reconcileActive(cronJob: CronJob, ownedJobs: Job[]): Promise<boolean> {
    let changed = false;
    const inActive = (uid: string | undefined) => (cronJob.status?.active ?? []).some((ref) => ref.uid === uid);
    const dropActive = (uid: string | undefined) => {
      cronJob.status!.active = (cronJob.status?.active ?? []).filter((ref) => ref.uid !== uid);
      changed = true;
    };
    for (const job of ownedJobs) {
      const finished = isJobFinished(job);
      if (!inActive(job.metadata?.uid) && !finished) {
        // Our cache may predate the status write that listed it: a fresh read decides.
        const fresh = await this.client.get<CronJob>(resourcePath(CRONJOBS, cronJob.metadata?.namespace, cronJob.metadata?.name));
        if (fresh.metadata?.uid === cronJob.metadata?.uid && (fresh.status?.active ?? []).some((ref) => ref.uid === job.metadata?.uid)) {
          Object.assign(cronJob, fresh, { status: fresh.status ?? {} });
          continue;
        }
        // Created by someone else (kubectl create job --from), or our status write was lost.
        this.event(cronJob, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${job.metadata?.name ?? ''}`);
      } else if (inActive(job.metadata?.uid) && finished) {
        dropActive(job.metadata?.uid);
        this.event(cronJob, 'Normal', 'SawCompletedJob', `Saw completed job: ${job.metadata?.name ?? ''}, condition: ${finishedCondition(job)?.type ?? ''}`);
      } else if (finished) {
        const completed = job.status?.completionTime;
        const last = cronJob.status?.lastSuccessfulTime;
        if (completed && (!last || Date.parse(completed) > Date.parse(last))) {
          cronJob.status!.lastSuccessfulTime = completed;
          changed = true;
        }
      }
    }
    const owned = new Set(ownedJobs.map((job) => job.metadata?.uid));
    for (const ref of [...(cronJob.status?.active ?? [])]) {
      if (owned.has(ref.uid)) continue;
      // The cache may lag behind a job just created: ask the API before calling it missing.
      try {
        const job = await this.client.get<Job>(resourcePath(JOBS, ref.namespace, ref.name));
        if (job.metadata?.uid === ref.uid) continue;
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      this.event(cronJob, 'Normal', 'MissingJob', `Active job went missing: ${ref.name ?? ''}`);
      dropActive(ref.uid);
    }
    return changed;
  }

  /** The second half of syncCronJob: start the due Job, if any; returns when to look again. */
  private async schedule(cronJob: CronJob): Promise<{ changed: boolean; requeueAfter?: number }> {
    const spec = cronJob.spec!;
    const status = cronJob.status!;
    if (cronJob.metadata?.deletionTimestamp) return { changed: false };
    const timeZone = spec.timeZone ?? undefined;
    if (timeZone !== undefined && !isValidTimeZone(timeZone)) {
      this.event(cronJob, 'Warning', 'UnknownTimeZone', `invalid timeZone: ${JSON.stringify(timeZone)}: unknown time zone ${timeZone}`);
      return { changed: false };
    }
    if (spec.suspend) return { changed: false };
    const parsed = parseCronSchedule(spec.schedule);
    if (!parsed.ok) {
      this.event(cronJob, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(spec.schedule)} : ${parsed.error}`);
      return { changed: false };
    }
    const now = new Date(this.now());
    const due = mostRecentScheduleTime(cronJob, parsed.schedule, now, timeZone);
    const next = () => msUntilNextSchedule(cronJob, parsed.schedule, now, timeZone, due.scheduled);
    const requeue = (changed: boolean) => {
      const ms = next();
      return ms === undefined ? { changed } : { changed, requeueAfter: ms };
    };
    if (due.tooManyMissed) {
      this.event(cronJob, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
    }
    const scheduled = due.scheduled;
    if (!scheduled) return requeue(false);
    const deadline = spec.startingDeadlineSeconds;
    if (deadline !== undefined && deadline !== null && scheduled.getTime() + deadline * 1000 < now.getTime()) {
      this.event(cronJob, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
      return requeue(false);
    }
    const name = jobNameFor(cronJob, scheduled);
    // Already started for this time (status written, or the job's name taken by us).
    if ((status.active ?? []).some((ref) => ref.name === name)) return requeue(false);
    if (spec.concurrencyPolicy === 'Forbid' && (status.active ?? []).length > 0) {
      this.event(cronJob, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return requeue(false);
    }
    let changed = false;
    if (spec.concurrencyPolicy === 'Replace') {
      for (const ref of [...(status.active ?? [])]) {
        await this.deleteJob(cronJob, ref.namespace ?? '', ref.name ?? '');
        status.active = (status.active ?? []).filter((r) => r.uid !== ref.uid);
        changed = true;
      }
    }
    const job = jobFromTemplate(cronJob, scheduled, timeZone === undefined ? 0 : zoneOffsetMs(scheduled.getTime(), timeZone));
    let created: Job;
    try {
      created = await this.client.create<Job>(resourcePath(JOBS, cronJob.metadata?.namespace), job);
      this.event(cronJob, 'Normal', 'SuccessfulCreate', `Created job ${created.metadata?.name ?? ''}`);
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 409)) {
        this.event(cronJob, 'Warning', 'FailedCreate', `Error creating job: ${(err as Error).message}`);
        throw err;
      }
      // Created before but our status write was lost: adopt it into the status if it is ours.
      const existing = await this.client.get<Job>(resourcePath(JOBS, cronJob.metadata?.namespace, name));
      if (controllerOf(existing)?.uid !== cronJob.metadata?.uid) throw err;
      if (isJobFinished(existing)) return requeue(changed);
      created = existing;
    }
    status.active = [...(status.active ?? []), referenceTo(created)];
    status.lastScheduleTime = metaTime(scheduled);
    return requeue(true);
  }

  /** cleanupFinishedJobs: the oldest finished Jobs beyond the history limits go. */
  private async cleanupFinishedJobs(cronJob: CronJob, ownedJobs: Job[]): Promise<void> {
    const spec = cronJob.spec!;
    const finished = ownedJobs.filter((job) => isJobFinished(job) && !job.metadata?.deletionTimestamp);
    const limits: Array<[Job[], number | undefined]> = [
      [finished.filter((job) => finishedCondition(job)?.type === 'Complete'), spec.successfulJobsHistoryLimit],
      [finished.filter((job) => finishedCondition(job)?.type === 'Failed'), spec.failedJobsHistoryLimit],
    ];
    for (const [jobs, limit] of limits) {
      if (limit === undefined || limit === null || jobs.length <= limit) continue;
      // byJobStartTime: oldest first (jobs not started yet sort last), then by name.
      const startOf = (job: Job) => Date.parse(job.status?.startTime ?? '') || Infinity;
      const oldestFirst = [...jobs].sort((a, b) => startOf(a) - startOf(b) || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
      for (const job of oldestFirst.slice(0, jobs.length - limit)) await this.deleteJob(cronJob, job.metadata?.namespace ?? '', job.metadata?.name ?? '');
    }
  }

  private async deleteJob(cronJob: CronJob, namespace: string, name: string): Promise<void> {
    try {
      await this.client.delete(resourcePath(JOBS, namespace, name), BACKGROUND);
    } catch (err) {
      if (isNotFound(err)) return;
      this.event(cronJob, 'Warning', 'FailedDelete', `Deleted job: ${(err as Error).message}`);
      throw err;
    }
    this.event(cronJob, 'Normal', 'SuccessfulDelete', `Deleted job ${name}`);
  }

  private async writeStatus(cronJob: CronJob): Promise<void> {
    await this.client.replace(`${resourcePath(CRONJOBS, cronJob.metadata?.namespace, cronJob.metadata?.name)}/status`, cronJob);
  }

  private event(cronJob: CronJob, type: 'Normal' | 'Warning', reason: string, message: string): void {
    void recorderFor(this.client, cronJob)
      .record(cronJob, type, reason, message)
      .catch((err: unknown) => this.log.debug({ err }, 'recording event failed'));
  }
}

function referenceTo(job: Job): ObjectReference {
  return {
    kind: 'Job',
    namespace: job.metadata?.namespace ?? '',
    name: job.metadata?.name ?? '',
    uid: job.metadata?.uid ?? '',
    apiVersion: 'batch/v1',
    resourceVersion: job.metadata?.resourceVersion ?? '',
  };
}

/** Go's time.RFC1123Z in UTC: "Mon, 02 Jan 2006 15:04:05 +0000". */
function rfc1123z(at: Date): string {
  return at.toUTCString().replace('GMT', '+0000');
}
