// The DaemonSet controller (pkg/controller/daemon): one pod per eligible node, replaced from the
// highest revision by RollingUpdate (maxUnavailable) or only when deleted (OnDelete), with the
// status kubectl's rollout status reads. Level based: a work queue of DaemonSet keys, each
// reconciled from the informer caches; expectations keep a lagging pod cache from causing
// double creates or deletes.
import { ControllerExpectations, WorkQueue, defaultCatalog, labelSelectorFromSpec, resourcePath, runWorkers } from '@kctl/shared';
import type { Informer, ApiClient, BackoffOptions, Node, Pod, ReconcileResult } from '@kctl/shared';
import type { Logger } from 'pino';
import {
  CONTROLLER_REVISION_HASH_LABEL,
  REVISIONS,
  ensureUpdateRevision,
  hashOfRevision,
  ownedRevisions,
  truncateHistory,
  type ControllerRevision,
} from '../controller-history/controller-revisions.js';
import { claimPods, createPodFromTemplate, deletePod } from '../pod-control/index.js';
import { ownerKey, routePodEvents, safelySelects } from '../workload-pods/pod-event-routing.js';
import { daemonPodTemplate } from './daemon-pod-template.js';
import { planDaemonSet } from './daemon-set-plan.js';
import type { DaemonSet, DaemonSetStatus } from './daemon-set-types.js';
import { canonicalJson } from '../object-hash.js';
import { controllerInformers } from '../shared-informers.js';
import type { SharedInformerFactory } from '../shared-informers.js';
import { splitKey, isNotFound } from '../controller-runtime.js';

export interface DaemonSetControllerOptions {
  client: ApiClient;
  logger: Logger;
  workers?: number;
  reconnectBackoff?: BackoffOptions;
  /** the controller manager's shared informers; without them the controller makes its own */
  informers?: SharedInformerFactory;
}

const DAEMON_SETS = defaultCatalog.resolve('daemonsets')!;

const keyOf = ownerKey;

/** Node changes that can change where daemons run (shouldIgnoreNodeUpdate): labels, taints, spec. */
function nodeChanged(node: Node, old: Node): boolean {
  return canonicalJson(node.metadata?.labels ?? {}) !== canonicalJson(old.metadata?.labels ?? {}) || canonicalJson(node.spec ?? {}) !== canonicalJson(old.spec ?? {});
}

export class DaemonSetController {
  private readonly client: ApiClient;
  private readonly log: Logger;
  private readonly workers: number;
  private readonly daemonSets: Informer<DaemonSet>;
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;
  private readonly revisions: Informer<ControllerRevision>;
  private readonly queue = new WorkQueue<string>();
  private readonly expectations = new ControllerExpectations();
  private loop: Promise<void> | undefined;
  private readonly releaseInformers: () => void;

  constructor(opts: DaemonSetControllerOptions) {
    this.client = opts.client;
    this.log = opts.logger;
    this.workers = opts.workers ?? 2;
    const { factory, release } = controllerInformers(opts, (err) => this.log.error({ err }, 'informer handler failed'));
    this.releaseInformers = release;
    this.daemonSets = factory.informerFor<DaemonSet>(DAEMON_SETS);
    this.pods = factory.informerFor<Pod>(defaultCatalog.resolve('pods')!);
    this.nodes = factory.informerFor<Node>(defaultCatalog.resolve('nodes')!);
    this.revisions = factory.informerFor<ControllerRevision>(REVISIONS);
    const enqueue = (ds: DaemonSet) => this.queue.add(keyOf(ds));
    this.daemonSets.onAdd(enqueue);
    this.daemonSets.onUpdate(enqueue);
    this.daemonSets.onDelete((ds) => {
      this.expectations.delete(keyOf(ds));
      enqueue(ds);
    });
    routePodEvents(this.pods, {
      kind: 'DaemonSet',
      owners: this.daemonSets,
      queue: this.queue,
      expectations: this.expectations,
      selects: (ds, pod) => safelySelects(() => labelSelectorFromSpec(ds.spec?.selector).matches(pod.metadata?.labels)),
    });
    const allDaemonSets = () => this.daemonSets.list().forEach(enqueue);
    this.nodes.onAdd(allDaemonSets);
    this.nodes.onUpdate((node, old) => nodeChanged(node, old) && allDaemonSets());
    this.nodes.onDelete(allDaemonSets);
  }

  /** Resolves once the caches are synced and the workers run. */
  async start(): Promise<void> {
    await Promise.all([this.daemonSets.start(), this.pods.start(), this.nodes.start(), this.revisions.start()]);
    this.log.info({ daemonSets: this.daemonSets.list().length }, 'daemonset controller synced');
    this.loop = runWorkers(this.queue, this.workers, (key) => this.reconcile(key), {
      onError: (key, err) => this.log.warn({ daemonSet: key, err: (err as Error).message }, 'syncing daemon set failed, will retry'),
    });
  }

  async stop(): Promise<void> {
    this.releaseInformers();
    this.queue.shutDown();
    await this.loop;
  }

  async reconcile(key: string): Promise<ReconcileResult | void> {
    const [namespace, name] = splitKey(key);
    const ds = this.daemonSets.get(namespace, name);
    if (!ds) {
      this.expectations.delete(key);
      return;
    }
    // A DaemonSet being deleted keeps its pods for the garbage collector.
    if (ds.metadata?.deletionTimestamp) return;
    const revisions = ownedRevisions(this.revisions.list(), ds);
    const { revision, collisionCount } = await ensureUpdateRevision(this.client, ds, revisions, ds.status?.collisionCount ?? 0);
    const hash = hashOfRevision(revision);
    const candidates = this.pods.list().filter((pod) => pod.metadata?.namespace === namespace);
    const pods = await claimPods(this.client, ds, labelSelectorFromSpec(ds.spec?.selector), candidates);
    const nodes = this.nodes.list();
    const plan = planDaemonSet(ds, nodes, pods, hash, Date.now());
    if (this.expectations.satisfied(key)) {
      if (plan.createOn.length > 0) await this.createPods(key, ds, plan.createOn, hash);
      else if (plan.deletions.length > 0) await this.deletePods(key, ds, plan.deletions);
      else await this.cleanupHistory(ds, revisions, revision, pods);
    }
    await this.updateStatus(ds, { ...plan.status, ...(collisionCount > 0 ? { collisionCount } : {}) });
    return plan.requeueAfterMs !== undefined ? { requeueAfter: plan.requeueAfterMs } : undefined;
  }

  private async createPods(key: string, ds: DaemonSet, nodeNames: readonly string[], hash: string): Promise<void> {
    this.expectations.expectCreations(key, nodeNames.length);
    const namespace = ds.metadata?.namespace ?? '';
    const results = await Promise.allSettled(
      nodeNames.map((node) => createPodFromTemplate(this.client, namespace, daemonPodTemplate(ds.spec?.template, node, hash, ds.metadata?.generation), ds)),
    );
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    // A failed create is never observed: stop waiting for it.
    this.expectations.creationsObserved(key, failed.length);
    if (failed.length > 0) throw failed[0]!.reason;
  }

  private async deletePods(key: string, ds: DaemonSet, pods: readonly Pod[]): Promise<void> {
    this.expectations.expectDeletions(key, pods.map((p) => p.metadata?.uid ?? ''));
    const results = await Promise.allSettled(pods.map((pod) => deletePod(this.client, pod, ds)));
    let firstError: unknown;
    results.forEach((result, i) => {
      if (result.status === 'fulfilled') return;
      this.expectations.deletionObserved(key, pods[i]!.metadata?.uid ?? '');
      if (!isNotFound(result.reason)) firstError ??= result.reason;
    });
    if (firstError !== undefined) throw firstError;
  }

  /** Old revisions no pod runs any more, beyond revisionHistoryLimit, go once the set is settled. */
  private async cleanupHistory(ds: DaemonSet, revisions: readonly ControllerRevision[], current: ControllerRevision, pods: readonly Pod[]): Promise<void> {
    const liveHashes = new Set([hashOfRevision(current), ...pods.map((p) => p.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '')]);
    const live = new Set(revisions.filter((r) => liveHashes.has(hashOfRevision(r))).map((r) => r.metadata?.name ?? ''));
    live.add(current.metadata?.name ?? '');
    await truncateHistory(this.client, revisions, live, ds.spec?.revisionHistoryLimit ?? 10);
  }

  private async updateStatus(ds: DaemonSet, status: DaemonSetStatus): Promise<void> {
    const current = { ...(ds.status ?? {}) };
    if (canonicalJson({ ...current, ...status }) === canonicalJson(current)) return;
    try {
      await this.client.patch(`${resourcePath(DAEMON_SETS, ds.metadata?.namespace, ds.metadata?.name ?? '')}/status`, { status }, 'application/merge-patch+json');
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
