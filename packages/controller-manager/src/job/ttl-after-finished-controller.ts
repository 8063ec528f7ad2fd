// The TTL-after-finished controller (pkg/controller/ttlafterfinished): a finished Job with
// spec.ttlSecondsAfterFinished is deleted (propagationPolicy Background, so the garbage collector
// takes its pods) once that many seconds have passed since its Complete / Failed condition.
import { ApiError, WorkQueue, defaultCatalog, resourcePath, runWorkers } from '@kctl/shared';
import type { Informer, ApiClient, BackoffOptions, Job } from '@kctl/shared';
import type { Logger } from 'pino';
import { finishedCondition } from './job-conditions.js';
import { controllerInformers } from '../shared-informers.js';
import type { SharedInformerFactory } from '../shared-informers.js';

export interface TtlAfterFinishedControllerOptions {
  client: ApiClient;
  logger: Logger;
  workers?: number;
  reconnectBackoff?: BackoffOptions;
  /** the controller manager's shared informers; without them the controller makes its own */
  informers?: SharedInformerFactory;
  clock?: () => number;
}

const JOBS = defaultCatalog.resolve('jobs')!;

const keyOf = (job: Job) => `${job.metadata?.namespace ?? ''}/${job.metadata?.name ?? ''}`;

/** needsCleanup: a TTL is set and the job finished. */
const needsCleanup = (job: Job) => job.spec?.ttlSecondsAfterFinished !== undefined && job.spec.ttlSecondsAfterFinished !== null && finishedCondition(job) !== undefined && !job.metadata?.deletionTimestamp;

/** When the job expires: its finish time plus the TTL (upstream's timeLeft). */
function expiresAt(job: Job): number {
  const finishedAt = Date.parse(finishedCondition(job)?.lastTransitionTime ?? '');
  return finishedAt + (job.spec?.ttlSecondsAfterFinished ?? 0) * 1000;
}

export class TtlAfterFinishedController {
  private readonly client: ApiClient;
  private readonly log: Logger;
  private readonly workers: number;
  private readonly now: () => number;
  private readonly jobs: Informer<Job>;
  private readonly queue = new WorkQueue<string>();
  private loop: Promise<void> | undefined;
  private readonly releaseInformers: () => void;

  constructor(opts: TtlAfterFinishedControllerOptions) {
    this.client = opts.client;
    this.log = opts.logger;
    this.workers = opts.workers ?? 2;
    this.now = opts.clock ?? Date.now;
    const { factory, release } = controllerInformers(opts, (err) => this.log.error({ err }, 'informer handler failed'));
    this.releaseInformers = release;
    this.jobs = factory.informerFor<Job>(JOBS);
    const enqueue = (job: Job) => {
      if (needsCleanup(job)) this.queue.add(keyOf(job));
    };
    this.jobs.onAdd(enqueue);
    this.jobs.onUpdate(enqueue);
  }

  async start(): Promise<void> {
    await this.jobs.start();
    this.loop = runWorkers(this.queue, this.workers, (key) => this.sync(key), {
      onError: (key, err) => this.log.warn({ job: key, err: (err as Error).message }, 'cleaning up finished job failed, will retry'),
    });
  }

  async stop(): Promise<void> {
    this.releaseInformers();
    this.queue.shutDown();
    await this.loop;
  }

  private async sync(key: string): Promise<{ requeueAfter: number } | void> {
    const slash = key.indexOf('/');
    const cached = this.jobs.get(key.slice(0, slash), key.slice(slash + 1));
    if (!cached || !needsCleanup(cached)) return;
    const left = expiresAt(cached) - this.now();
    if (left > 0) return { requeueAfter: left };
    // The cache may be stale (the TTL changed, or the job was re-run): re-check a fresh copy.
    const path = resourcePath(JOBS, cached.metadata?.namespace, cached.metadata?.name);
    let fresh: Job;
    try {
      fresh = await this.client.get<Job>(path);
    } catch (err) {
      if (err instanceof ApiError && err.code === 404) return;
      throw err;
    }
    if (!needsCleanup(fresh)) return;
    const freshLeft = expiresAt(fresh) - this.now();
    if (freshLeft > 0) return { requeueAfter: freshLeft };
    try {
      await this.client.delete(path, {
        kind: 'DeleteOptions',
        apiVersion: 'v1',
        propagationPolicy: 'Background',
        preconditions: { uid: fresh.metadata?.uid, resourceVersion: fresh.metadata?.resourceVersion },
      });
      this.log.info({ job: key }, 'deleted finished job after its TTL');
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 404)) throw err;
    }
  }
}
