// One pod's serialized worker (pod_workers.go): updates and wake-ups coalesce, so two syncs of
// the same pod never overlap and the latest pod object always wins. It reports status through
// pods/NAME/status and, once a deleted pod's containers are stopped, removes the pod from the
// API with grace 0 and a uid precondition (status_manager.go canBeDeleted / deletePod).
import type { ApiClient } from '@kctl/shared';
import { ApiError, defaultCatalog, resourcePath } from '@kctl/shared';
import type { Clock, TimerHandle } from '../clock.js';
import type { Pod, PodStatus } from '../status/api-types.js';
import type { PodSync } from './pod-sync.js';

const podsType = defaultCatalog.byPath('', 'v1', 'pods')!;

export interface PodWorkerDeps {
  client: ApiClient;
  clock: Clock;
  /** how soon a sync that failed is retried (the kubelet's pod worker back-off, 10 s) */
  errorRetryMs: number;
  onError(pod: Pod, err: unknown): void;
}

export class PodWorker {
  private pod: Pod;
  private running = false;
  private dirty = false;
  private removed = false;
  private finished = false;
  private retryTimer: TimerHandle | undefined;
  private lastReported: PodStatus | undefined;
  private idleWaiters: Array<() => void> = [];

  constructor(
    pod: Pod,
    readonly podSync: PodSync,
    private readonly deps: PodWorkerDeps,
  ) {
    this.pod = pod;
  }

  get current(): Pod {
    return this.pod;
  }

  /** The status this kubelet last wrote (what streaming lookups read). */
  get reportedStatus(): PodStatus | undefined {
    return this.lastReported;
  }

  update(pod: Pod): void {
    this.pod = pod;
    this.kick();
  }

  /** The pod left the API while its containers may still run: stop them, report nothing. */
  remove(pod: Pod): void {
    this.pod = pod;
    this.removed = true;
    this.kick();
  }

  kick(): void {
    if (this.finished) return;
    if (this.running) {
      this.dirty = true;
      return;
    }
    void this.loop();
  }

  /** Resolves when no sync is running or pending (tests, shutdown). */
  whenIdle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    this.finished = true;
    this.retryTimer?.cancel();
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      do {
        this.dirty = false;
        await this.step().catch((err: unknown) => {
          this.deps.onError(this.pod, err);
          this.retryAt(this.deps.clock.now() + this.deps.errorRetryMs);
        });
      } while (this.dirty && !this.finished);
    } finally {
      this.running = false;
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  private retryAt(at: number): void {
    this.retryTimer?.cancel();
    this.retryTimer = this.deps.clock.setTimeout(() => this.kick(), Math.max(0, at - this.deps.clock.now()));
  }

  /** The pod as the status code should see it: with the status we wrote last, not a stale cache. */
  private withOwnStatus(): Pod {
    return this.lastReported ? { ...this.pod, status: { ...this.pod.status, ...this.lastReported } } : this.pod;
  }

  private async step(): Promise<void> {
    if (this.removed) {
      await this.podSync.stopAll(this.pod);
      this.stop();
      return;
    }
    if (this.pod.metadata?.deletionTimestamp) {
      const status = await this.podSync.terminate(this.withOwnStatus());
      await this.report(status);
      await this.deleteFromApi();
      this.stop();
      return;
    }
    const result = await this.podSync.sync(this.withOwnStatus());
    await this.report(result.status);
    if (result.retryAt !== undefined) this.retryAt(result.retryAt);
  }

  private async report(status: PodStatus): Promise<void> {
    if (this.lastReported && JSON.stringify(this.lastReported) === JSON.stringify(status)) return;
    const meta = this.pod.metadata ?? {};
    // A merge patch replaces lists whole; fields we no longer report are removed explicitly.
    const patch: Record<string, unknown> = { ...status };
    for (const key of Object.keys(this.pod.status ?? {})) if (!(key in patch)) patch[key] = null;
    try {
      await this.deps.client.patch(resourcePath(podsType, meta.namespace, meta.name, 'status'), { status: patch }, 'application/merge-patch+json');
      this.lastReported = status;
    } catch (err) {
      if (err instanceof ApiError && err.code === 404) return;
      throw err;
    }
  }

  private async deleteFromApi(): Promise<void> {
    const meta = this.pod.metadata ?? {};
    try {
      await this.deps.client.delete(
        resourcePath(podsType, meta.namespace, meta.name),
        { apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0, preconditions: { uid: meta.uid } },
      );
    } catch (err) {
      // Already gone, or a new pod took the name: either way ours is no longer there.
      if (err instanceof ApiError && (err.code === 404 || err.code === 409)) return;
      throw err;
    }
  }
}
