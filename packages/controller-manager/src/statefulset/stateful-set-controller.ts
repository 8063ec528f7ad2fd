// The StatefulSet controller (pkg/controller/statefulset): pods <set>-0..N-1 with stable names,
// hostnames and claims, created and removed in order (OrderedReady) or all at once (Parallel),
// rolled to a new revision from the highest ordinal down to the partition. Pods and claims are
// written here rather than through pod-control because the events carry upstream's
// StatefulPodControl wording ("create Pod web-0 in StatefulSet web successful").
import { ApiError, ControllerExpectations, WorkQueue, defaultCatalog, labelSelectorFromSpec, resourcePath, runWorkers } from '@kctl/shared';
import type { Informer, ApiClient, BackoffOptions, Pod, PodTemplateSpec, ReconcileResult } from '@kctl/shared';
import type { Logger } from 'pino';
import {
  CONTROLLER_REVISION_HASH_LABEL,
  REVISIONS,
  ensureUpdateRevision,
  ownedRevisions,
  templateOfRevision,
  truncateHistory,
  type ControllerRevision,
} from '../controller-history/controller-revisions.js';
import { canonicalJson } from '../object-hash.js';
import { claimPods, recorderFor } from '../pod-control/index.js';
import { ownerKey, routePodEvents, safelySelects } from '../workload-pods/pod-event-routing.js';
import { claimsFor, isMemberOf, podNameFor, statefulPod } from './stateful-pod-identity.js';
import { planStatefulSet, type StatefulAction } from './stateful-set-plan.js';
import type { StatefulSet, StatefulSetStatus } from './stateful-set-types.js';
import { controllerInformers } from '../shared-informers.js';
import type { SharedInformerFactory } from '../shared-informers.js';
import { splitKey, isNotFound } from '../controller-runtime.js';

export interface StatefulSetControllerOptions {
  client: ApiClient;
  logger: Logger;
  workers?: number;
  reconnectBackoff?: BackoffOptions;
  /** the controller manager's shared informers; without them the controller makes its own */
  informers?: SharedInformerFactory;
}

const STATEFUL_SETS = defaultCatalog.resolve('statefulsets')!;
const PODS = defaultCatalog.resolve('pods')!;
const CLAIMS = defaultCatalog.resolve('persistentvolumeclaims')!;

const isAlreadyExists = (err: unknown) => err instanceof ApiError && err.code === 409 && err.reason === 'AlreadyExists';

export class StatefulSetController {
  private readonly client: ApiClient;
  private readonly log: Logger;
  private readonly workers: number;
  private readonly sets: Informer<StatefulSet>;
  private readonly pods: Informer<Pod>;
  private readonly revisions: Informer<ControllerRevision>;
  private readonly queue = new WorkQueue<string>();
  // Upstream relies on fixed names alone; expectations also spare a lagging cache from deleting
  // the same pod twice (and recording the event twice).
  private readonly expectations = new ControllerExpectations();
  private loop: Promise<void> | undefined;
  private readonly releaseInformers: () => void;

  constructor(opts: StatefulSetControllerOptions) {
    this.client = opts.client;
    this.log = opts.logger;
    this.workers = opts.workers ?? 2;
    const { factory, release } = controllerInformers(opts, (err) => this.log.error({ err }, 'informer handler failed'));
    this.releaseInformers = release;
    this.sets = factory.informerFor<StatefulSet>(STATEFUL_SETS);
    this.pods = factory.informerFor<Pod>(PODS);
    this.revisions = factory.informerFor<ControllerRevision>(REVISIONS);
    const enqueue = (set: StatefulSet) => this.queue.add(ownerKey(set));
    this.sets.onAdd(enqueue);
    this.sets.onUpdate(enqueue);
    this.sets.onDelete((set) => {
      this.expectations.delete(ownerKey(set));
      enqueue(set);
    });
    routePodEvents(this.pods, {
      kind: 'StatefulSet',
      owners: this.sets,
      queue: this.queue,
      expectations: this.expectations,
      selects: (set, pod) => isMemberOf(set, pod) && safelySelects(() => labelSelectorFromSpec(set.spec?.selector).matches(pod.metadata?.labels)),
    });
  }

  /** Resolves once the caches are synced and the workers run. */
  async start(): Promise<void> {
    await Promise.all([this.sets.start(), this.pods.start(), this.revisions.start()]);
    this.log.info({ statefulSets: this.sets.list().length }, 'statefulset controller synced');
    this.loop = runWorkers(this.queue, this.workers, (key) => this.reconcile(key), {
      onError: (key, err) => this.log.warn({ statefulSet: key, err: (err as Error).message }, 'syncing stateful set failed, will retry'),
    });
  }

  async stop(): Promise<void> {
    this.releaseInformers();
    this.queue.shutDown();
    await this.loop;
  }

  async reconcile(key: string): Promise<ReconcileResult | void> {
    const [namespace, name] = splitKey(key);
    const set = this.sets.get(namespace, name);
    if (!set) {
      this.expectations.delete(key);
      return;
    }
    if (set.metadata?.deletionTimestamp) return;
    const revisions = ownedRevisions(this.revisions.list(), set);
    const { revision: update, collisionCount } = await ensureUpdateRevision(this.client, set, revisions, set.status?.collisionCount ?? 0);
    const current = revisions.find((r) => r.metadata?.name === set.status?.currentRevision) ?? update;
    const candidates = this.pods.list().filter((pod) => pod.metadata?.namespace === namespace);
    const pods = await claimPods(this.client, set, labelSelectorFromSpec(set.spec?.selector), candidates, { filter: (pod) => isMemberOf(set, pod) });
    const names = { current: current.metadata?.name ?? '', update: update.metadata?.name ?? '' };
    const plan = planStatefulSet(set, pods, names, Date.now());
    if (this.expectations.satisfied(key)) {
      const templates = { current: templateOfRevision(current), update: templateOfRevision(update) };
      await this.act(key, set, plan.actions, templates, names);
      if (plan.actions.length === 0) {
        const live = new Set([names.current, names.update, ...pods.map((p) => p.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '')]);
        await truncateHistory(this.client, revisions, live, set.spec?.revisionHistoryLimit ?? 10);
      }
    }
    await this.updateStatus(set, { ...plan.status, ...(collisionCount > 0 ? { collisionCount } : {}) });
    // minReadySeconds: look again once the ready pods become available.
    const minReady = set.spec?.minReadySeconds ?? 0;
    return minReady > 0 && plan.status.availableReplicas < plan.status.readyReplicas ? { requeueAfter: minReady * 1000 } : undefined;
  }

  /** Creations (with their claims) first; deletions only in a sync that creates nothing. */
  private async act(key: string, set: StatefulSet, actions: readonly StatefulAction[], templates: { current: PodTemplateSpec; update: PodTemplateSpec }, names: { current: string; update: string }): Promise<void> {
    const creations = actions.flatMap((a) => (a.type === 'create' ? [a] : []));
    if (creations.length > 0) {
      this.expectations.expectCreations(key, creations.length);
      await Promise.all(
        creations.map(async ({ ordinal, revision }) => {
          try {
            await this.createClaims(set, ordinal);
            await this.createPod(set, statefulPod(set, templates[revision], names[revision], ordinal));
          } catch (err) {
            this.expectations.creationObserved(key);
            throw err;
          }
        }),
      );
      return;
    }
    const deletions = actions.flatMap((a) => (a.type === 'delete' ? [a.pod] : []));
    if (deletions.length === 0) return;
    this.expectations.expectDeletions(key, deletions.map((p) => p.metadata?.uid ?? ''));
    await Promise.all(
      deletions.map(async (pod) => {
        try {
          await this.deletePod(set, pod);
        } catch (err) {
          this.expectations.deletionObserved(key, pod.metadata?.uid ?? '');
          throw err;
        }
      }),
    );
  }

  private event(set: StatefulSet, ok: boolean, verb: string, message: string): void {
    const reason = `${ok ? 'Successful' : 'Failed'}${verb[0]!.toUpperCase()}${verb.slice(1)}`;
    void recorderFor(this.client, set).record(set, ok ? 'Normal' : 'Warning', reason, message).catch(() => undefined);
  }

  /** createPersistentVolumeClaims: each missing claim of the ordinal; existing ones (a scaled-down pod's) are reused. */
  private async createClaims(set: StatefulSet, ordinal: number): Promise<void> {
    const podName = podNameFor(set, ordinal);
    for (const claim of claimsFor(set, ordinal)) {
      const claimName = claim.metadata?.name ?? '';
      try {
        await this.client.create(resourcePath(CLAIMS, set.metadata?.namespace), claim);
        this.event(set, true, 'create', `create Claim ${claimName} Pod ${podName} in StatefulSet ${set.metadata?.name ?? ''} success`);
      } catch (err) {
        if (isAlreadyExists(err)) continue;
        this.event(set, false, 'create', `create Claim ${claimName} for Pod ${podName} in StatefulSet ${set.metadata?.name ?? ''} failed error: ${(err as Error).message}`);
        throw err;
      }
    }
  }

  private async createPod(set: StatefulSet, pod: Pod): Promise<void> {
    const podName = pod.metadata?.name ?? '';
    try {
      await this.client.create(resourcePath(PODS, set.metadata?.namespace), pod);
    } catch (err) {
      // Created by an earlier sync the cache has not shown yet.
      if (isAlreadyExists(err)) return;
      this.event(set, false, 'create', `create Pod ${podName} in StatefulSet ${set.metadata?.name ?? ''} failed error: ${(err as Error).message}`);
      throw err;
    }
    this.event(set, true, 'create', `create Pod ${podName} in StatefulSet ${set.metadata?.name ?? ''} successful`);
  }

  private async deletePod(set: StatefulSet, pod: Pod): Promise<void> {
    const podName = pod.metadata?.name ?? '';
    try {
      await this.client.delete(resourcePath(PODS, pod.metadata?.namespace, podName), { apiVersion: 'v1', kind: 'DeleteOptions', preconditions: { uid: pod.metadata?.uid } });
    } catch (err) {
      if (isNotFound(err)) return;
      this.event(set, false, 'delete', `delete Pod ${podName} in StatefulSet ${set.metadata?.name ?? ''} failed error: ${(err as Error).message}`);
      throw err;
    }
    this.event(set, true, 'delete', `delete Pod ${podName} in StatefulSet ${set.metadata?.name ?? ''} successful`);
  }

  private async updateStatus(set: StatefulSet, status: StatefulSetStatus): Promise<void> {
    const current = { ...(set.status ?? {}) };
    if (canonicalJson({ ...current, ...status }) === canonicalJson(current)) return;
    try {
      await this.client.patch(`${resourcePath(STATEFUL_SETS, set.metadata?.namespace, set.metadata?.name ?? '')}/status`, { status }, 'application/merge-patch+json');
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
