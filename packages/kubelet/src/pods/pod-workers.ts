// All pod workers of this node, fed by the pod informer (spec.nodeName=NODE): one worker per pod
// uid, created on first sight and dropped once its pod is gone. At start-up it adopts what the
// runtime already runs (a restarted kubelet restarts nothing and loses no exit code) and, once
// the informer has synced, stops containers whose pods no longer exist.
import type { ContainerRuntime, ContainerSummary } from '../runtime/container-runtime.js';
import type { Pod } from '../status/api-types.js';
import type { ContainerLifecycle, EventSink } from './container-lifecycle.js';
import { MINIMUM_GRACE_PERIOD_SECONDS } from './container-lifecycle.js';
import type { PodSandboxes } from './pod-sandbox.js';
import { PodSync } from './pod-sync.js';
import { PodWorker } from './pod-worker.js';
import type { PodWorkerDeps } from './pod-worker.js';
import type { Clock } from '../clock.js';

export interface PodWorkersDeps extends PodWorkerDeps {
  runtime: ContainerRuntime;
  clock: Clock;
  lifecycle: ContainerLifecycle;
  events: EventSink;
  nodeIp: string;
  sandboxes: PodSandboxes;
  /** a pod is gone for good: forget its back-off and event history */
  onPodGone(uid: string): void;
}

export class PodWorkers {
  private readonly workers = new Map<string, PodWorker>();
  /** containers found at start-up, by pod uid, until their pod shows up */
  private adoptable = new Map<string, ContainerSummary[]>();

  constructor(private readonly deps: PodWorkersDeps) {}

  /** Loads what the runtime runs now; call before the informer delivers pods. */
  async adoptRunning(): Promise<void> {
    for (const summary of await this.deps.runtime.list()) {
      const list = this.adoptable.get(summary.pod.uid) ?? [];
      list.push(summary);
      this.adoptable.set(summary.pod.uid, list);
    }
  }

  /** After the informer synced: containers of pods the API no longer has are stopped and removed. */
  async stopOrphans(): Promise<void> {
    const orphans = [...this.adoptable.values()].flat();
    this.adoptable.clear();
    await Promise.all(
      orphans.map(async (c) => {
        if (c.state.status === 'running') await this.deps.runtime.stop(c.id, MINIMUM_GRACE_PERIOD_SECONDS);
        await this.deps.runtime.remove(c.id);
      }),
    );
    // Their sandboxes too: a pod deleted while this kubelet was down leaves its namespace behind.
    await this.deps.sandboxes.removeOrphans(new Set(this.workers.keys()));
  }

  upsert(pod: Pod): void {
    const uid = pod.metadata?.uid;
    if (!uid) return;
    let worker = this.workers.get(uid);
    if (!worker) worker = this.create(pod, uid);
    worker.update(pod);
  }

  delete(pod: Pod): void {
    const uid = pod.metadata?.uid;
    const worker = uid ? this.workers.get(uid) : undefined;
    if (!uid || !worker) return;
    worker.remove(pod);
    void worker.whenIdle().then(async () => {
      this.workers.delete(uid);
      this.deps.onPodGone(uid);
      await this.deps.sandboxes.remove(uid).catch((err: unknown) => this.deps.onError(pod, err));
    });
  }

  /** A container of this pod exited: sync it now. */
  wake(uid: string): void {
    this.workers.get(uid)?.kick();
  }

  all(): IterableIterator<PodWorker> {
    return this.workers.values();
  }

  get(uid: string): PodWorker | undefined {
    return this.workers.get(uid);
  }

  findByName(namespace: string, name: string): PodWorker | undefined {
    for (const worker of this.workers.values()) {
      const meta = worker.current.metadata;
      if (meta?.namespace === namespace && meta.name === name) return worker;
    }
    return undefined;
  }

  async whenIdle(): Promise<void> {
    await Promise.all([...this.workers.values()].map((w) => w.whenIdle()));
  }

  stop(): void {
    for (const worker of this.workers.values()) {
      worker.stop();
      worker.podSync.stopProbes();
    }
  }

  private create(pod: Pod, uid: string): PodWorker {
    const { runtime, clock, lifecycle, events, nodeIp, sandboxes } = this.deps;
    let worker: PodWorker | undefined;
    const podSync = new PodSync({ runtime, clock, lifecycle, events, nodeIp, sandboxes, requestSync: () => worker?.kick() });
    const adopted = this.adoptable.get(uid);
    if (adopted) {
      this.adoptable.delete(uid);
      for (const stale of podSync.instances.adopt(adopted)) void runtime.remove(stale.id).catch(() => {});
      // Exits of adopted containers must wake the worker just like those it started itself.
      for (const instance of podSync.instances.running()) {
        const id = instance.id!;
        void runtime.waitForExit(id).then(
          () => this.wake(uid),
          () => this.wake(uid),
        );
      }
    }
    worker = new PodWorker(pod, podSync, this.deps);
    this.workers.set(uid, worker);
    return worker;
  }
}
