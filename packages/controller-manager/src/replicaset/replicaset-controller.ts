// The ReplicaSet controller (Kubernetes' pkg/controller/replicaset/replica_set.go): keeps the
// number of active pods a ReplicaSet owns equal to spec.replicas. Informers on ReplicaSets and
// Pods feed a work queue of ReplicaSet keys; each sync claims the pods (adopting orphans, releasing
// strays), creates or deletes the difference, and writes the counts to status. Expectations make
// a sync that finds its last creations or deletions not yet in the cache wait for the watch
// instead of acting twice.
import { ApiError, ControllerExpectations, WorkQueue, defaultCatalog, labelSelectorFromSpec, runWorkers } from '@kctl/shared';
import type { Informer, ApiClient, BackoffOptions, LabelSelector, Pod, ReplicaSet } from '@kctl/shared';
import type { Logger } from 'pino';
import { claimPods, controllerOf, createPodFromTemplate, deletePod, isPodActive, isPodReady } from '../pod-control/index.js';
import type { OwnerReference } from '../pod-control/index.js';
import { podsToDelete } from './pod-ranking.js';
import { calculateStatus, statusUpToDate } from './replicaset-status.js';
import type { ReplicaSetStatus } from './replicaset-status.js';
import { SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from './slow-start.js';
import { controllerInformers } from '../shared-informers.js';
import type { SharedInformerFactory } from '../shared-informers.js';
import { splitKey } from '../controller-runtime.js';

export interface ReplicaSetControllerOptions {
  client: ApiClient;
  logger: Logger;
  /** upstream's --concurrent-replicaset-syncs, default 5 */
  workers?: number;
  /** most creations or deletions one sync makes (upstream's BurstReplicas, 500) */
  burstReplicas?: number;
  reconnectBackoff?: BackoffOptions;
  /** the controller manager's shared informers; without them the controller makes its own */
  informers?: SharedInformerFactory;
  clock?: () => number;
}

export const BURST_REPLICAS = 500;
// updateReplicaSetStatus retries a conflicting status write once against a fresh read.
const STATUS_UPDATE_RETRIES = 1;
const KIND = 'ReplicaSet';

const keyOf = (namespace: string | undefined, name: string | undefined) => `${namespace ?? ''}/${name ?? ''}`;

/** A selector that cannot be parsed selects nothing (validation should have refused it). */
function selectorOf(rs: ReplicaSet): LabelSelector | undefined {
  try {
    return labelSelectorFromSpec(rs.spec?.selector);
  } catch {
    return undefined;
  }
}

/** The namespace is being deleted: every later create fails too, so upstream ignores the error. */
function isNamespaceTerminating(err: unknown): boolean {
  return err instanceof ApiError && (err.details?.causes ?? []).some((cause) => cause.reason === 'NamespaceTerminating');
}

export class ReplicaSetController {
  private readonly client: ApiClient;
  private readonly log: Logger;
  private readonly workers: number;
  private readonly burstReplicas: number;
  private readonly clock: () => number;
  private readonly replicaSets: Informer<ReplicaSet>;
  private readonly pods: Informer<Pod>;
  private readonly queue = new WorkQueue<string>();
  readonly expectations = new ControllerExpectations();
  private loop: Promise<void> | undefined;
  private readonly releaseInformers: () => void;

  constructor(opts: ReplicaSetControllerOptions) {
    this.client = opts.client;
    this.log = opts.logger;
    this.workers = opts.workers ?? 5;
    this.burstReplicas = opts.burstReplicas ?? BURST_REPLICAS;
    this.clock = opts.clock ?? Date.now;
    const { factory, release } = controllerInformers(opts, (err) => this.log.error({ err }, 'informer handler failed'));
    this.releaseInformers = release;
    this.replicaSets = factory.informerFor<ReplicaSet>(defaultCatalog.resolve('replicasets')!);
    this.pods = factory.informerFor<Pod>(defaultCatalog.resolve('pods')!);
    this.replicaSets.onAdd((rs) => this.enqueue(rs));
    this.replicaSets.onUpdate((rs, old) => this.replicaSetUpdated(rs, old));
    this.replicaSets.onDelete((rs) => this.replicaSetDeleted(rs));
    this.pods.onAdd((pod) => this.podAdded(pod));
    this.pods.onUpdate((pod, old) => this.podUpdated(pod, old));
    this.pods.onDelete((pod) => this.podDeleted(pod));
  }

  /** Resolves once both caches are synced and the workers run. */
  async start(): Promise<void> {
    await Promise.all([this.replicaSets.start(), this.pods.start()]);
    this.log.info({ replicaSets: this.replicaSets.list().length, pods: this.pods.list().length }, 'replicaset controller synced');
    this.loop = runWorkers(this.queue, this.workers, (key) => this.sync(key), {
      onError: (key, err) => this.log.warn({ replicaSet: key, err: (err as Error).message }, 'syncing replica set failed, will retry'),
    });
  }

  async stop(): Promise<void> {
    this.releaseInformers();
    this.queue.shutDown();
    await this.loop;
  }

  private enqueue(rs: ReplicaSet, afterMs?: number): void {
    const key = keyOf(rs.metadata?.namespace, rs.metadata?.name);
    if (afterMs === undefined) this.queue.add(key);
    else this.queue.addAfter(key, afterMs);
  }

  private replicaSetUpdated(rs: ReplicaSet, old: ReplicaSet): void {
    // A ReplicaSet deleted and re-created under the same name: the old one's expectations are void.
    if (rs.metadata?.uid !== old.metadata?.uid) this.replicaSetDeleted(old);
    this.enqueue(rs);
  }

  private replicaSetDeleted(rs: ReplicaSet): void {
    this.expectations.delete(keyOf(rs.metadata?.namespace, rs.metadata?.name));
    this.enqueue(rs);
  }

  /** resolveControllerRef: the cached ReplicaSet a controller reference points at, if it is still that one. */
  private resolve(namespace: string | undefined, ref: OwnerReference | undefined): ReplicaSet | undefined {
    if (!ref || ref.kind !== KIND) return undefined;
    const rs = this.replicaSets.get(namespace, ref.name);
    return rs && rs.metadata?.uid === ref.uid ? rs : undefined;
  }

  /** getPodReplicaSets: the ReplicaSets whose (non-empty) selector matches an orphan, which may adopt it. */
  private enqueueSelecting(pod: Pod): void {
    for (const rs of this.replicaSets.list()) {
      if (rs.metadata?.namespace !== pod.metadata?.namespace) continue;
      const selector = selectorOf(rs);
      if (selector && !selector.empty && selector.matches(pod.metadata?.labels)) this.enqueue(rs);
    }
  }

  private podAdded(pod: Pod): void {
    // A restarted controller can see a pod already terminating: it must not count as a creation.
    if (pod.metadata?.deletionTimestamp) {
      this.podDeleted(pod);
      return;
    }
    const ref = controllerOf(pod);
    if (ref) {
      const rs = this.resolve(pod.metadata?.namespace, ref);
      if (!rs) return;
      this.expectations.creationObserved(keyOf(rs.metadata?.namespace, rs.metadata?.name));
      this.enqueue(rs);
      return;
    }
    this.enqueueSelecting(pod);
  }

  private podUpdated(pod: Pod, old: Pod): void {
    if (pod.metadata?.resourceVersion === old.metadata?.resourceVersion) return;
    const labelsChanged = JSON.stringify(pod.metadata?.labels ?? {}) !== JSON.stringify(old.metadata?.labels ?? {});
    // Graceful deletion shows up as an update: observe the deletion now, as the pod no longer counts.
    if (pod.metadata?.deletionTimestamp) {
      this.podDeleted(pod);
      if (labelsChanged) this.podDeleted(old);
      return;
    }
    const ref = controllerOf(pod);
    const oldRef = controllerOf(old);
    const refChanged = ref?.uid !== oldRef?.uid;
    if (refChanged && oldRef) {
      const oldRs = this.resolve(old.metadata?.namespace, oldRef);
      if (oldRs) this.enqueue(oldRs);
    }
    if (ref) {
      const rs = this.resolve(pod.metadata?.namespace, ref);
      if (!rs) return;
      this.enqueue(rs);
      // Becoming available is a matter of time, not of another event: look again once minReadySeconds passed.
      const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
      if (minReadySeconds > 0 && !isPodReady(old) && isPodReady(pod)) this.enqueue(rs, (minReadySeconds + 1) * 1000);
      return;
    }
    if (labelsChanged || refChanged) this.enqueueSelecting(pod);
  }

  private podDeleted(pod: Pod): void {
    const rs = this.resolve(pod.metadata?.namespace, controllerOf(pod));
    if (!rs) return;
    const key = keyOf(rs.metadata?.namespace, rs.metadata?.name);
    this.expectations.deletionObserved(key, pod.metadata?.uid ?? '');
    this.enqueue(rs);
  }

  async sync(key: string): Promise<{ requeueAfter?: number } | void> {
    const [namespace, name] = splitKey(key);
    const rs = this.replicaSets.get(namespace, name);
    if (!rs) {
      this.expectations.delete(key);
      return;
    }
    const needsSync = this.expectations.satisfied(key);
    const selector = selectorOf(rs);
    if (!selector) {
      this.log.warn({ replicaSet: key }, 'invalid selector, not syncing');
      return;
    }
    const active = this.pods.list().filter((pod) => pod.metadata?.namespace === namespace && isPodActive(pod));
    const pods = await claimPods(this.client, rs, selector, active);

    let manageError: unknown;
    if (needsSync && !rs.metadata?.deletionTimestamp) {
      try {
        await this.manageReplicas(key, rs, pods);
      } catch (err) {
        manageError = err;
      }
    }
    const now = this.clock();
    const status = calculateStatus(rs, pods, manageError, now);
    const updated = await this.updateStatus(rs, status);
    if (manageError !== undefined) throw manageError;
    // Ready but not yet available: nothing will happen to tell us when they are, so look again.
    const replicas = updated.spec?.replicas ?? 1;
    const minReadySeconds = updated.spec?.minReadySeconds ?? 0;
    if (minReadySeconds > 0 && updated.status?.readyReplicas === replicas && updated.status?.availableReplicas !== replicas) {
      return { requeueAfter: minReadySeconds * 1000 };
    }
  }

  /** manageReplicas: create or delete the difference, at most burstReplicas per sync. */
  private async manageReplicas(key: string, rs: ReplicaSet, pods: Pod[]): Promise<void> {
    const namespace = rs.metadata?.namespace ?? '';
    const diff = pods.length - (rs.spec?.replicas ?? 1);
    if (diff < 0) {
      const wanted = Math.min(-diff, this.burstReplicas);
      // Expect before creating: the watch may deliver a new pod before create() even returns.
      this.expectations.expectCreations(key, wanted);
      this.log.debug({ replicaSet: key, need: rs.spec?.replicas, creating: wanted }, 'too few replicas');
      const template = rs.spec?.template ?? {};
      const { successes, error } = await slowStartBatch(wanted, SLOW_START_INITIAL_BATCH_SIZE, async () => {
        try {
          await createPodFromTemplate(this.client, namespace, template, rs);
        } catch (err) {
          if (isNamespaceTerminating(err)) return;
          throw err;
        }
      });
      // Creations that failed or were never tried will never be observed.
      const skipped = wanted - successes;
      if (skipped > 0) this.expectations.creationsObserved(key, skipped);
      if (error !== undefined) throw error;
      return;
    }
    if (diff > 0) {
      const count = Math.min(diff, this.burstReplicas);
      const victims = podsToDelete(pods, this.indirectlyRelatedPods(rs), count, this.clock());
      this.expectations.expectDeletions(key, victims.map((pod) => pod.metadata?.uid ?? ''));
      this.log.debug({ replicaSet: key, need: rs.spec?.replicas, deleting: count }, 'too many replicas');
      const results = await Promise.allSettled(
        victims.map(async (pod) => {
          try {
            await deletePod(this.client, pod, rs);
          } catch (err) {
            // This deletion will never be observed; a pod already gone is what we wanted.
            this.expectations.deletionObserved(key, pod.metadata?.uid ?? '');
            if (!(err instanceof ApiError && err.code === 404)) throw err;
          }
        }),
      );
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
  }

  /**
   * getIndirectlyRelatedPods: pods of every ReplicaSet sharing this one's controller (a
   * Deployment's old and new ReplicaSets), so scale-down prefers nodes they crowd.
   */
  private indirectlyRelatedPods(rs: ReplicaSet): Pod[] {
    const owner = controllerOf(rs);
    if (!owner) return [];
    const namespace = rs.metadata?.namespace;
    const related = this.replicaSets.list().filter((other) => other.metadata?.namespace === namespace && controllerOf(other)?.uid === owner.uid);
    const seen = new Set<string>();
    const pods: Pod[] = [];
    const inNamespace = this.pods.list().filter((pod) => pod.metadata?.namespace === namespace);
    for (const other of related) {
      const selector = selectorOf(other);
      if (!selector) continue;
      for (const pod of inNamespace) {
        const uid = pod.metadata?.uid ?? '';
        if (seen.has(uid) || !selector.matches(pod.metadata?.labels)) continue;
        seen.add(uid);
        pods.push(pod);
      }
    }
    return pods;
  }

  /** updateReplicaSetStatus: skip no-op writes; on a conflict retry once against a fresh read. */
  private async updateStatus(rs: ReplicaSet, status: ReplicaSetStatus): Promise<ReplicaSet> {
    if (statusUpToDate(rs, status)) return rs;
    const next = { ...status, observedGeneration: rs.metadata?.generation ?? 0 };
    const path = `/apis/apps/v1/namespaces/${encodeURIComponent(rs.metadata?.namespace ?? '')}/replicasets/${encodeURIComponent(rs.metadata?.name ?? '')}/status`;
    let current = rs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.client.replace<ReplicaSet>(path, { ...current, status: next });
      } catch (err) {
        if (attempt >= STATUS_UPDATE_RETRIES) throw err;
        current = await this.client.get<ReplicaSet>(path.slice(0, -'/status'.length));
      }
    }
  }
}
