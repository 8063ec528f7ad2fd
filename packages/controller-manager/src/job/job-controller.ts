// The Job controller (pkg/controller/job/job_controller.go, NonIndexed and Indexed modes): runs
// min(parallelism, completions - succeeded) pods from the template, counts finished pods into
// status.succeeded / status.failed through the batch.kubernetes.io/job-tracking finalizer (a
// finished pod's UID goes to status.uncountedTerminatedPods first, then its finalizer comes off,
// then it moves to the counters, so no outcome is lost or counted twice however pods vanish),
// fails the Job past backoffLimit or activeDeadlineSeconds and completes it once enough pods
// succeeded, with 1.32's interim SuccessCriteriaMet / FailureTarget conditions.
import { ControllerExpectations, WorkQueue, defaultCatalog, labelSelectorFromSpec, metaTime, resourcePath, runWorkers } from '@kctl/shared';
import type { Informer, ApiClient, BackoffOptions, Job, Pod, PodTemplateSpec } from '@kctl/shared';
import type { Logger } from 'pino';
import { claimPods, controllerOf, createPodFromTemplate, deletePod, recorderFor } from '../pod-control/index.js';
import {
  MESSAGE_BACKOFF_LIMIT_EXCEEDED,
  MESSAGE_COMPLETIONS_REACHED,
  MESSAGE_DEADLINE_EXCEEDED,
  REASON_BACKOFF_LIMIT_EXCEEDED,
  REASON_COMPLETIONS_REACHED,
  REASON_DEADLINE_EXCEEDED,
  ensureCondition,
  findCondition,
  isJobFinished,
  newCondition,
} from './job-conditions.js';
import type { JobCondition } from './job-conditions.js';
import { firstPendingIndexes, formatIndexes, isIndexedJob, parseIndexes, surplusIndexedPods, templateForIndex, validIndexOf } from './job-indexes.js';
import { controllerInformers } from '../shared-informers.js';
import type { SharedInformerFactory } from '../shared-informers.js';
import {
  DEFAULT_POD_FAILURE_BACKOFF_MS,
  JOB_TRACKING_FINALIZER,
  hasTrackingFinalizer,
  isActivePod,
  isPodFailed,
  isPodReady,
  isTerminatingPod,
  onlyReplaceFailedPods,
  pastBackoffLimitOnFailure,
  remainingBackoffMs,
  removalOrder,
} from './job-pods.js';
import { splitKey, isNotFound } from '../controller-runtime.js';

export interface JobControllerOptions {
  client: ApiClient;
  logger: Logger;
  workers?: number;
  reconnectBackoff?: BackoffOptions;
  /** the controller manager's shared informers; without them the controller makes its own */
  informers?: SharedInformerFactory;
  /** upstream's syncJobBatchPeriod: pod changes are gathered this long before a sync */
  syncBatchPeriodMs?: number;
  /** the pod failure back-off's base (upstream's DefaultJobPodFailureBackOff, 10 s) */
  podFailureBackoffMs?: number;
  clock?: () => number;
}

type JobStatus = NonNullable<Job['status']>;
interface Uncounted {
  succeeded: string[];
  failed: string[];
}

/** What this sync learnt from finished pods, for trackAndFinish. */
interface Outcomes {
  /** newly finished pods whose outcome goes through uncountedTerminatedPods */
  newSucceeded: Pod[];
  newFailed: Pod[];
  /** finished pods whose outcome needs no UID tracking (Indexed: the completed index records it) */
  finalizeOnly: Pod[];
  /** Indexed jobs: the completed indexes, including this sync's */
  succeededIndexes?: Set<number>;
}

const JOBS = defaultCatalog.resolve('jobs')!;
const PODS = defaultCatalog.resolve('pods')!;
const STRATEGIC_MERGE = 'application/strategic-merge-patch+json';
/** Upstream creates pods in batches that start at one and double (slowStartBatch). */
const SLOW_START_INITIAL_BATCH = 1;
/** MaxUncountedPods: a status update carries at most this many new UIDs. */
const MAX_UNCOUNTED_PODS = 500;

const keyOf = (namespace: string | undefined, name: string | undefined) => `${namespace ?? ''}/${name ?? ''}`;

/** The job key of the Job controlling the pod, if a Job does. */
function jobKeyOfPod(pod: Pod): string | undefined {
  const ref = controllerOf(pod);
  return ref?.kind === 'Job' && ref.apiVersion?.startsWith('batch/') ? keyOf(pod.metadata?.namespace, ref.name) : undefined;
}

export class JobController {
  private readonly client: ApiClient;
  private readonly log: Logger;
  private readonly workers: number;
  private readonly batchPeriodMs: number;
  private readonly failureBackoffMs: number;
  private readonly now: () => number;
  private readonly jobs: Informer<Job>;
  private readonly pods: Informer<Pod>;
  private readonly queue = new WorkQueue<string>();
  private readonly expectations = new ControllerExpectations();
  /** upstream's finalizerExpectations: pods whose finalizer removal the cache has not shown yet */
  private readonly finalizerRemovals = new Map<string, Set<string>>();
  private loop: Promise<void> | undefined;
  private readonly releaseInformers: () => void;

  constructor(opts: JobControllerOptions) {
    this.client = opts.client;
    this.log = opts.logger;
    this.workers = opts.workers ?? 5;
    this.batchPeriodMs = opts.syncBatchPeriodMs ?? 1_000;
    this.failureBackoffMs = opts.podFailureBackoffMs ?? DEFAULT_POD_FAILURE_BACKOFF_MS;
    this.now = opts.clock ?? Date.now;
    const { factory, release } = controllerInformers(opts, (err) => this.log.error({ err }, 'informer handler failed'));
    this.releaseInformers = release;
    this.jobs = factory.informerFor<Job>(JOBS);
    this.pods = factory.informerFor<Pod>(PODS);
    this.jobs.onAdd((job) => this.queue.add(keyOf(job.metadata?.namespace, job.metadata?.name)));
    this.jobs.onUpdate((job) => this.queue.add(keyOf(job.metadata?.namespace, job.metadata?.name)));
    this.jobs.onDelete((job) => {
      const key = keyOf(job.metadata?.namespace, job.metadata?.name);
      this.expectations.delete(key);
      // Its pods may still hold the finalizer: the sync of a missing job releases them.
      this.queue.add(key);
    });
    this.pods.onAdd((pod) => this.podAdded(pod));
    this.pods.onUpdate((pod, old) => this.podUpdated(pod, old));
    this.pods.onDelete((pod) => this.podDeleted(pod));
  }

  async start(): Promise<void> {
    await Promise.all([this.jobs.start(), this.pods.start()]);
    this.log.info({ jobs: this.jobs.list().length }, 'job controller synced');
    this.loop = runWorkers(this.queue, this.workers, (key) => this.sync(key), {
      onError: (key, err) => this.log.warn({ job: key, err: (err as Error).message }, 'syncing job failed, will retry'),
    });
  }

  async stop(): Promise<void> {
    this.releaseInformers();
    this.queue.shutDown();
    await this.loop;
  }

  private enqueueBatched(key: string): void {
    this.queue.addAfter(key, this.batchPeriodMs);
  }

  private podAdded(pod: Pod): void {
    const key = jobKeyOfPod(pod);
    if (!key) return;
    if (pod.metadata?.deletionTimestamp) this.expectations.deletionObserved(key, pod.metadata.uid ?? '');
    else this.expectations.creationObserved(key);
    this.enqueueBatched(key);
  }

  private podUpdated(pod: Pod, old: Pod): void {
    const key = jobKeyOfPod(pod);
    const oldKey = jobKeyOfPod(old);
    if (pod.metadata?.deletionTimestamp && !old.metadata?.deletionTimestamp && key) this.expectations.deletionObserved(key, pod.metadata.uid ?? '');
    if (!hasTrackingFinalizer(pod) && key) this.finalizerRemovals.get(key)?.delete(pod.metadata?.uid ?? '');
    if (oldKey && oldKey !== key) this.enqueueBatched(oldKey);
    if (key) this.enqueueBatched(key);
  }

  private podDeleted(pod: Pod): void {
    const key = jobKeyOfPod(pod);
    if (!key) return;
    this.expectations.deletionObserved(key, pod.metadata?.uid ?? '');
    this.finalizerRemovals.get(key)?.delete(pod.metadata?.uid ?? '');
    this.enqueueBatched(key);
  }

  /** One pass of syncJob; exported for tests through the queue only. */
  private async sync(key: string): Promise<{ requeueAfter: number } | void> {
    const [namespace, name] = splitKey(key);
    const job = this.jobs.get(namespace, name);
    if (!job || job.metadata?.deletionTimestamp || isJobFinished(job)) {
      // Finished or gone: nothing more to count, so no pod of it may keep the finalizer.
      await this.releasePods(namespace, name, job);
      if (!job) this.finalizerRemovals.delete(key);
      return;
    }
    const now = this.now();
    const nowTime = metaTime(new Date(now));
    const pods = await this.podsOf(job);
    const status: JobStatus = structuredClone(job.status ?? {}) as JobStatus;
    const uncounted: Uncounted = {
      succeeded: [...(status.uncountedTerminatedPods?.succeeded ?? [])],
      failed: [...(status.uncountedTerminatedPods?.failed ?? [])],
    };
    const expectedRemovals = this.finalizerRemovals.get(key) ?? new Set<string>();
    const alreadyUncounted = new Set([...uncounted.succeeded, ...uncounted.failed]);
    const fresh = (pod: Pod) => hasTrackingFinalizer(pod) && !expectedRemovals.has(pod.metadata?.uid ?? '') && !alreadyUncounted.has(pod.metadata?.uid ?? '');
    const finishedOk = pods.filter((pod) => fresh(pod) && pod.status?.phase === 'Succeeded').slice(0, MAX_UNCOUNTED_PODS);
    const finishedBad = pods.filter((pod) => fresh(pod) && pod.status?.phase !== 'Succeeded' && isPodFailed(pod, job)).slice(0, MAX_UNCOUNTED_PODS);
    const outcomes = this.outcomesOf(job, finishedOk, finishedBad);
    const { newSucceeded, newFailed, succeededIndexes } = outcomes;
    let activePods = pods.filter(isActivePod);
    let terminating = pods.filter(isTerminatingPod).length;
    const succeeded = succeededIndexes ? succeededIndexes.size : (status.succeeded ?? 0) + uncounted.succeeded.length + newSucceeded.length;
    const failed = (status.failed ?? 0) + uncounted.failed.length + newFailed.length;
    const spec = job.spec!;
    const suspended = spec.suspend === true;
    let requeueAfter: number | undefined;
    const requeueIn = (ms: number) => (requeueAfter = Math.min(requeueAfter ?? Infinity, Math.max(ms, 1)));

    if (!suspended && !status.startTime) status.startTime = nowTime;

    let finished: JobCondition | undefined;
    const successMet = findCondition(job, 'SuccessCriteriaMet');
    const failureTarget = findCondition(job, 'FailureTarget');
    if (successMet?.status === 'True') finished = newCondition('Complete', 'True', successMet.reason ?? '', successMet.message ?? '', nowTime);
    else if (failureTarget?.status === 'True') finished = newCondition('Failed', 'True', failureTarget.reason ?? '', failureTarget.message ?? '', nowTime);
    else if (failed > (spec.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, pods)) {
      finished = newCondition('FailureTarget', 'True', REASON_BACKOFF_LIMIT_EXCEEDED, MESSAGE_BACKOFF_LIMIT_EXCEEDED, nowTime);
    } else if (spec.activeDeadlineSeconds !== undefined && !suspended && status.startTime) {
      const left = Date.parse(status.startTime) + spec.activeDeadlineSeconds * 1000 - now;
      if (left <= 0) finished = newCondition('FailureTarget', 'True', REASON_DEADLINE_EXCEEDED, MESSAGE_DEADLINE_EXCEEDED, nowTime);
      else requeueIn(left);
    }

    if (finished) {
      // The job failed (or is finishing): nothing may keep running.
      const deleted = await this.deletePods(key, job, activePods);
      terminating += deleted;
      activePods = [];
    } else if (this.expectations.satisfied(key)) {
      const outcome = await this.manage(key, job, { active: activePods, all: pods }, succeeded, succeededIndexes, terminating, now);
      activePods = outcome.active;
      terminating += outcome.deleted;
      if (outcome.requeueAfter !== undefined) requeueIn(outcome.requeueAfter);
    }
    if (!finished) {
      const completions = spec.completions;
      const complete = completions === undefined || completions === null ? succeeded > 0 && activePods.length === 0 : succeeded >= completions && activePods.length === 0;
      if (complete) finished = newCondition('SuccessCriteriaMet', 'True', REASON_COMPLETIONS_REACHED, MESSAGE_COMPLETIONS_REACHED, nowTime);
    }

    status.active = activePods.length;
    status.ready = activePods.filter(isPodReady).length;
    status.terminating = terminating;
    this.applySuspension(job, status, nowTime);
    // The interim condition goes into the status now; the terminal one waits for the pods.
    if (finished?.type === 'FailureTarget' || finished?.type === 'SuccessCriteriaMet') {
      status.conditions = ensureCondition(status.conditions ?? [], finished).conditions;
      finished = newCondition(finished.type === 'FailureTarget' ? 'Failed' : 'Complete', 'True', finished.reason ?? '', finished.message ?? '', nowTime);
    }
    await this.trackAndFinish(key, job, status, pods, uncounted, outcomes, finished);
    return requeueAfter === undefined ? undefined : { requeueAfter };
  }

  /**
   * Splits the newly finished pods: NonIndexed outcomes are tracked by UID; Indexed successes by
   * their index (pods with an invalid index count for nothing but still lose the finalizer).
   */
  private outcomesOf(job: Job, finishedOk: Pod[], finishedBad: Pod[]): Outcomes {
    if (!isIndexedJob(job)) return { newSucceeded: finishedOk, newFailed: finishedBad, finalizeOnly: [] };
    const valid = (pod: Pod) => validIndexOf(pod, job) !== undefined;
    const succeededIndexes = parseIndexes(job.status?.completedIndexes);
    for (const pod of finishedOk) {
      const index = validIndexOf(pod, job);
      if (index !== undefined) succeededIndexes.add(index);
    }
    return {
      newSucceeded: [],
      newFailed: finishedBad.filter(valid),
      finalizeOnly: [...finishedOk, ...finishedBad.filter((pod) => !valid(pod))],
      succeededIndexes,
    };
  }

  /** manageJob: delete surplus pods or create missing ones (Indexed: for the lowest pending indexes). */
  private async manage(
    key: string,
    job: Job,
    { active: activePods, all: pods }: { active: Pod[]; all: Pod[] },
    succeeded: number,
    succeededIndexes: Set<number> | undefined,
    terminating: number,
    now: number,
  ): Promise<{ active: Pod[]; deleted: number; requeueAfter?: number }> {
    const spec = job.spec!;
    const parallelism = spec.parallelism ?? 1;
    if (spec.suspend) {
      const deleted = await this.deletePods(key, job, activePods);
      return { active: [], deleted };
    }
    let wantActive: number;
    if (spec.completions === undefined || spec.completions === null) wantActive = succeeded > 0 ? activePods.length : parallelism;
    else wantActive = Math.max(0, Math.min(spec.completions - succeeded, parallelism));
    const misplaced = succeededIndexes ? surplusIndexedPods(job, activePods, succeededIndexes) : [];
    if (activePods.length > wantActive || misplaced.length > 0) {
      const kept = [...activePods].filter((p) => !misplaced.includes(p)).sort(removalOrder);
      const surplus = [...misplaced, ...kept.slice(0, Math.max(0, kept.length - wantActive))];
      const deleted = await this.deletePods(key, job, surplus);
      const gone = new Set(surplus.map((p) => p.metadata?.uid));
      return { active: activePods.filter((p) => !gone.has(p.metadata?.uid)), deleted };
    }
    let missing = wantActive - activePods.length;
    if (onlyReplaceFailedPods(job)) missing -= terminating;
    if (missing <= 0) return { active: activePods, deleted: 0 };
    const wait = remainingBackoffMs(job, pods, now, this.failureBackoffMs);
    if (wait > 0) return { active: activePods, deleted: 0, requeueAfter: wait };
    const name = job.metadata?.name ?? '';
    const indexes = succeededIndexes ? firstPendingIndexes(activePods, succeededIndexes, missing, spec.completions ?? 0) : undefined;
    const created = await this.createPods(key, job, indexes ? indexes.length : missing, (i) =>
      indexes ? { template: templateForIndex(spec.template, name, indexes[i]!), generateName: `${name}-${indexes[i]!}-` } : { template: spec.template },
    );
    return { active: [...activePods, ...created], deleted: 0 };
  }

  /** slowStartBatch: 1, 2, 4... pods at a time; the first failure stops further creation. */
  private async createPods(key: string, job: Job, count: number, podFor: (i: number) => { template: PodTemplateSpec; generateName?: string }): Promise<Pod[]> {
    this.expectations.expectCreations(key, count);
    const create = (i: number) => {
      const { template, generateName } = podFor(i);
      const tracked = { ...template, metadata: { ...(template.metadata ?? {}), finalizers: [...(template.metadata?.finalizers ?? []), JOB_TRACKING_FINALIZER] } };
      return createPodFromTemplate(this.client, job.metadata?.namespace ?? '', tracked, job, generateName ? { generateName } : {});
    };
    const created: Pod[] = [];
    let batch = SLOW_START_INITIAL_BATCH;
    let remaining = count;
    while (remaining > 0) {
      const size = Math.min(batch, remaining);
      const first = count - remaining;
      const results = await Promise.allSettled(Array.from({ length: size }, (_, i) => create(first + i)));
      const failures = results.filter((r) => r.status === 'rejected');
      for (const r of results) if (r.status === 'fulfilled') created.push(r.value);
      remaining -= size;
      if (failures.length > 0) {
        // These creations, and the ones never tried, will not show up in the informer.
        this.expectations.creationsObserved(key, failures.length + remaining);
        throw (failures[0] as PromiseRejectedResult).reason;
      }
      batch *= 2;
    }
    return created;
  }

  /** Deletes the pods (events SuccessfulDelete); returns how many are now terminating. */
  private async deletePods(key: string, job: Job, pods: Pod[]): Promise<number> {
    if (pods.length === 0) return 0;
    this.expectations.expectDeletions(key, pods.map((p) => p.metadata?.uid ?? ''));
    let deleted = 0;
    const errors: unknown[] = [];
    await Promise.all(
      pods.map(async (pod) => {
        try {
          await deletePod(this.client, pod, job);
          deleted++;
        } catch (err) {
          this.expectations.deletionObserved(key, pod.metadata?.uid ?? '');
          if (!isNotFound(err)) errors.push(err);
        }
      }),
    );
    if (errors.length) throw errors[0];
    return deleted;
  }

  /** The JobSuspended condition, and a fresh startTime when a suspended job resumes (as upstream). */
  private applySuspension(job: Job, status: JobStatus, nowTime: string): void {
    const suspended = job.spec?.suspend === true;
    const current = findCondition(job, 'Suspended');
    if (suspended) {
      const next = ensureCondition(status.conditions ?? [], newCondition('Suspended', 'True', 'JobSuspended', 'Job suspended', nowTime));
      if (next.changed) {
        status.conditions = next.conditions;
        delete status.startTime;
        this.event(job, 'Normal', 'Suspended', 'Job suspended');
      }
    } else if (current?.status === 'True') {
      status.conditions = ensureCondition(status.conditions ?? [], newCondition('Suspended', 'False', 'JobResumed', 'Job resumed', nowTime)).conditions;
      status.startTime = nowTime;
      this.event(job, 'Normal', 'Resumed', 'Job resumed');
    }
  }

  /**
   * trackJobStatusAndRemoveFinalizers: record new outcomes as uncounted, take the finalizers off,
   * move the outcomes into the counters, and finish the job once nothing is left uncounted or
   * terminating.
   */
  private async trackAndFinish(
    key: string,
    job: Job,
    status: JobStatus,
    pods: Pod[],
    uncounted: Uncounted,
    { newSucceeded, newFailed, finalizeOnly, succeededIndexes }: Outcomes,
    finished: JobCondition | undefined,
  ): Promise<void> {
    let current = job;
    uncounted.succeeded.push(...newSucceeded.map((p) => p.metadata?.uid ?? ''));
    uncounted.failed.push(...newFailed.map((p) => p.metadata?.uid ?? ''));
    status.uncountedTerminatedPods = { ...(uncounted.succeeded.length ? { succeeded: uncounted.succeeded } : {}), ...(uncounted.failed.length ? { failed: uncounted.failed } : {}) };
    if (succeededIndexes) {
      const completed = formatIndexes(succeededIndexes);
      if (completed) status.completedIndexes = completed;
      else delete status.completedIndexes;
      status.succeeded = succeededIndexes.size;
    }
    if (newSucceeded.length + newFailed.length > 0 || statusChanged(job.status ?? {}, status)) {
      current = await this.writeStatus(current, status);
    }
    // Their outcome is in the status now (or needs none): the finalizer can go.
    if (finalizeOnly.length > 0) await this.removeFinalizers(key, pods, finalizeOnly.map((p) => p.metadata?.uid ?? ''));
    if (uncounted.succeeded.length + uncounted.failed.length > 0) {
      const counted = await this.removeFinalizers(key, pods, [...uncounted.succeeded, ...uncounted.failed]);
      const moved = { succeeded: uncounted.succeeded.filter((u) => counted.has(u)), failed: uncounted.failed.filter((u) => counted.has(u)) };
      status.succeeded = (status.succeeded ?? 0) + moved.succeeded.length;
      status.failed = (status.failed ?? 0) + moved.failed.length;
      uncounted.succeeded = uncounted.succeeded.filter((u) => !counted.has(u));
      uncounted.failed = uncounted.failed.filter((u) => !counted.has(u));
      status.uncountedTerminatedPods = { ...(uncounted.succeeded.length ? { succeeded: uncounted.succeeded } : {}), ...(uncounted.failed.length ? { failed: uncounted.failed } : {}) };
    }
    // enactJobFinished: only with every outcome counted and no pod still terminating.
    const done = finished !== undefined && uncounted.succeeded.length + uncounted.failed.length === 0 && (status.terminating ?? 0) === 0;
    if (done) {
      status.conditions = ensureCondition(status.conditions ?? [], finished).conditions;
      if (finished.type === 'Complete') status.completionTime = finished.lastTransitionTime!;
    }
    if (statusChanged(current.status ?? {}, status)) current = await this.writeStatus(current, status);
    if (done) this.recordFinished(current, finished);
  }

  /** Takes the tracking finalizer off the pods; returns the UIDs now safely counted (finalizer gone or pod gone). */
  private async removeFinalizers(key: string, pods: Pod[], uids: string[]): Promise<Set<string>> {
    const byUid = new Map(pods.map((p) => [p.metadata?.uid ?? '', p]));
    let expected = this.finalizerRemovals.get(key);
    if (!expected) this.finalizerRemovals.set(key, (expected = new Set()));
    const counted = new Set<string>();
    const errors: unknown[] = [];
    await Promise.all(
      uids.map(async (uid) => {
        const pod = byUid.get(uid);
        if (!pod || !hasTrackingFinalizer(pod)) {
          counted.add(uid);
          return;
        }
        expected.add(uid);
        try {
          await this.dropFinalizer(pod);
          counted.add(uid);
        } catch (err) {
          if (isNotFound(err)) counted.add(uid);
          else {
            expected.delete(uid);
            errors.push(err);
          }
        }
      }),
    );
    if (errors.length) this.log.warn({ job: key, err: (errors[0] as Error).message }, 'removing job tracking finalizers failed');
    return counted;
  }

  private async dropFinalizer(pod: Pod): Promise<void> {
    const patch = { metadata: { [`$deleteFromPrimitiveList/finalizers`]: [JOB_TRACKING_FINALIZER], uid: pod.metadata?.uid } };
    await this.client.patch(resourcePath(PODS, pod.metadata?.namespace, pod.metadata?.name), patch, STRATEGIC_MERGE);
  }

  /** The pods of a finished or vanished job may no longer hold the finalizer (upstream's orphan pod cleanup). */
  private async releasePods(namespace: string, name: string, job: Job | undefined): Promise<void> {
    const held = this.pods.list().filter((pod) => {
      if ((pod.metadata?.namespace ?? '') !== namespace || !hasTrackingFinalizer(pod)) return false;
      const ref = controllerOf(pod);
      if (ref?.kind !== 'Job' || ref.name !== name) return false;
      // A re-created job of the same name is another job: its pods are its own.
      return !job || ref.uid === job.metadata?.uid;
    });
    await Promise.all(
      held.map((pod) =>
        this.dropFinalizer(pod).catch((err: unknown) => {
          if (!isNotFound(err)) throw err;
        }),
      ),
    );
  }

  /** getPodsForJob: the job's pods by selector, adopting matching orphans and releasing mismatches. */
  private async podsOf(job: Job): Promise<Pod[]> {
    const namespace = job.metadata?.namespace ?? '';
    const candidates = this.pods.list().filter((pod) => (pod.metadata?.namespace ?? '') === namespace);
    return claimPods(this.client, job, labelSelectorFromSpec(job.spec?.selector), candidates);
  }

  private async writeStatus(job: Job, status: JobStatus): Promise<Job> {
    const body = { ...job, status };
    return this.client.replace<Job>(`${resourcePath(JOBS, job.metadata?.namespace, job.metadata?.name)}/status`, body);
  }

  /** recordJobFinished: Completed, or the failure's reason and message as a Warning. */
  private recordFinished(job: Job, condition: JobCondition): void {
    if (condition.type === 'Complete') {
      const completions = job.spec?.completions;
      if (completions !== undefined && completions !== null && (job.status?.succeeded ?? 0) > completions) {
        this.event(job, 'Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached');
      }
      this.event(job, 'Normal', 'Completed', 'Job completed');
    } else {
      this.event(job, 'Warning', condition.reason ?? 'Failed', condition.message ?? '');
    }
  }

  private event(job: Job, type: 'Normal' | 'Warning', reason: string, message: string): void {
    void recorderFor(this.client, job)
      .record(job, type, reason, message)
      .catch((err: unknown) => this.log.debug({ err }, 'recording event failed'));
  }
}

function statusChanged(before: JobStatus, after: JobStatus): boolean {
  return JSON.stringify(normalized(before)) !== JSON.stringify(normalized(after));
}

/** Zero counters and empty uncounted lists are the same as absent ones. */
function normalized(status: JobStatus): unknown {
  const uncounted = status.uncountedTerminatedPods ?? {};
  return {
    active: status.active ?? 0,
    ready: status.ready ?? 0,
    terminating: status.terminating ?? 0,
    succeeded: status.succeeded ?? 0,
    failed: status.failed ?? 0,
    startTime: status.startTime ?? null,
    completionTime: status.completionTime ?? null,
    completedIndexes: status.completedIndexes ?? '',
    conditions: status.conditions ?? [],
    uncounted: [uncounted.succeeded ?? [], uncounted.failed ?? []],
  };
}
