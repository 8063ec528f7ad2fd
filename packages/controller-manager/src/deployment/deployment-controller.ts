// The Deployment controller (pkg/controller/deployment): a work queue of Deployment keys fed by
// Deployment, ReplicaSet and pod events; each sync claims the Deployment's ReplicaSets by
// selector, then scales (replicas changed, or paused) or rolls out by its strategy, and writes
// status through the status subresource. The ReplicaSet controller turns the ReplicaSets into pods.
import { EventRecorder, WorkQueue, defaultCatalog, labelSelectorFromSpec, runWorkers } from '@kctl/shared';
import type { Informer, ApiClient, BackoffOptions, Deployment, Pod, ReplicaSet } from '@kctl/shared';
import type { Logger } from 'pino';
import { controllerOf } from '../pod-control/index.js';
import { claimReplicaSets } from './claim-replica-sets.js';
import { ReplicaSetWriter } from './replica-set-writer.js';
import { checkPausedConditions, isScalingEvent, syncScaling } from './scaling.js';
import { rolloutRecreate, rolloutRolling } from './strategies.js';
import type { PodMap, Requeue } from './strategies.js';
import { controllerInformers } from '../shared-informers.js';
import type { SharedInformerFactory } from '../shared-informers.js';
import { splitKey } from '../controller-runtime.js';

export interface DeploymentControllerOptions {
  client: ApiClient;
  logger: Logger;
  workers?: number;
  reconnectBackoff?: BackoffOptions;
  /** the controller manager's shared informers; without them the controller makes its own */
  informers?: SharedInformerFactory;
  now?: () => number;
}

const keyOf = (obj: { metadata?: { namespace?: string; name?: string } }) => `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;

export class DeploymentController {
  private readonly log: Logger;
  private readonly workers: number;
  private readonly now: () => number;
  private readonly deployments: Informer<Deployment>;
  private readonly replicaSets: Informer<ReplicaSet>;
  private readonly pods: Informer<Pod>;
  private readonly queue = new WorkQueue<string>();
  private readonly writer: ReplicaSetWriter;
  private loop: Promise<void> | undefined;
  private readonly releaseInformers: () => void;

  constructor(private readonly opts: DeploymentControllerOptions) {
    this.log = opts.logger;
    this.workers = opts.workers ?? 5;
    this.now = opts.now ?? Date.now;
    const { factory, release } = controllerInformers(opts, (err) => this.log.error({ err }, 'informer handler failed'));
    this.releaseInformers = release;
    this.deployments = factory.informerFor<Deployment>(defaultCatalog.resolve('deployments')!);
    this.replicaSets = factory.informerFor<ReplicaSet>(defaultCatalog.resolve('replicasets')!);
    this.pods = factory.informerFor<Pod>(defaultCatalog.resolve('pods')!);
    this.writer = new ReplicaSetWriter({
      client: opts.client,
      recorder: new EventRecorder(opts.client, { component: 'deployment-controller' }),
      now: this.now,
      cachedReplicaSet: (namespace, name) => this.replicaSets.get(namespace, name),
    });
    const enqueue = (d: Deployment) => this.queue.add(keyOf(d));
    this.deployments.onAdd(enqueue);
    this.deployments.onUpdate(enqueue);
    this.deployments.onDelete(enqueue);
    this.replicaSets.onAdd((rs) => this.replicaSetChanged(rs));
    this.replicaSets.onUpdate((rs, old) => this.replicaSetChanged(rs, old));
    this.replicaSets.onDelete((rs) => this.replicaSetChanged(rs));
    this.pods.onDelete((pod) => this.podDeleted(pod));
  }

  async start(): Promise<void> {
    await Promise.all([this.deployments.start(), this.replicaSets.start(), this.pods.start()]);
    this.log.info({ deployments: this.deployments.list().length, replicaSets: this.replicaSets.list().length }, 'deployment controller synced');
    this.loop = runWorkers(this.queue, this.workers, (key) => this.reconcile(key), {
      onError: (key, err) => this.log.warn({ deployment: key, err: (err as Error).message }, 'syncing deployment failed, will retry'),
    });
  }

  async stop(): Promise<void> {
    this.releaseInformers();
    this.queue.shutDown();
    await this.loop;
  }

  /** The owning Deployment, if the controller reference resolves to one we know (same UID). */
  private ownerOf(obj: ReplicaSet): Deployment | undefined {
    const ref = controllerOf(obj);
    if (!ref || ref.kind !== 'Deployment') return undefined;
    const d = this.deployments.get(obj.metadata?.namespace, ref.name);
    return d?.metadata?.uid === ref.uid ? d : undefined;
  }

  /** Deployments of the namespace whose selector picks these labels (an orphan's candidates). */
  private deploymentsSelecting(namespace: string | undefined, labels: Record<string, string> | undefined): Deployment[] {
    return this.deployments.list().filter((d) => {
      if (d.metadata?.namespace !== namespace) return false;
      const selector = labelSelectorFromSpec(d.spec?.selector);
      return !selector.empty && selector.matches(labels ?? {});
    });
  }

  /** add/update/deleteReplicaSet: the owner (old and new, if the reference moved), or for an orphan every Deployment that could adopt it. */
  private replicaSetChanged(rs: ReplicaSet, old?: ReplicaSet): void {
    if (old && old.metadata?.resourceVersion === rs.metadata?.resourceVersion) return;
    const oldRef = old && controllerOf(old);
    const ref = controllerOf(rs);
    if (oldRef && oldRef.uid !== ref?.uid) {
      const previous = this.ownerOf(old);
      if (previous) this.queue.add(keyOf(previous));
    }
    if (ref) {
      const owner = this.ownerOf(rs);
      if (owner) this.queue.add(keyOf(owner));
      return;
    }
    for (const d of this.deploymentsSelecting(rs.metadata?.namespace, rs.metadata?.labels)) this.queue.add(keyOf(d));
  }

  /** deletePod: a Recreate rollout waits for the old pods to be gone. */
  private podDeleted(pod: Pod): void {
    const ref = controllerOf(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return;
    const rs = this.replicaSets.get(pod.metadata?.namespace, ref.name);
    const d = rs && this.ownerOf(rs);
    if (d?.spec?.strategy?.type === 'Recreate') this.queue.add(keyOf(d));
  }

  /** getPodMapForDeployment: the Deployment's pods grouped by their controlling ReplicaSet. */
  private podMap(d: Deployment, rsList: readonly ReplicaSet[]): PodMap {
    const selector = labelSelectorFromSpec(d.spec?.selector);
    const map = new Map<string, Pod[]>(rsList.map((rs) => [rs.metadata?.uid ?? '', []]));
    for (const pod of this.pods.list()) {
      if (pod.metadata?.namespace !== d.metadata?.namespace || !selector.matches(pod.metadata?.labels ?? {})) continue;
      const uid = controllerOf(pod)?.uid;
      if (uid !== undefined) map.get(uid)?.push(pod);
    }
    return map;
  }

  async reconcile(key: string): Promise<{ requeueAfter: number } | void> {
    const [namespace, name] = splitKey(key);
    const cached = this.deployments.get(namespace, name);
    if (!cached) return;
    const requeue = await this.syncDeployment(structuredClone(cached));
    if (requeue !== undefined) return { requeueAfter: requeue };
  }

  /** syncDeployment: one level-based pass over a working copy of the Deployment. */
  private async syncDeployment(d: Deployment): Promise<Requeue> {
    const w = this.writer;
    const selector = labelSelectorFromSpec(d.spec?.selector);
    if (selector.empty) {
      w.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status?.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) {
        d.status = { ...(d.status ?? {}), observedGeneration: d.metadata?.generation ?? 0 };
        await w.updateStatus(d);
      }
      return undefined;
    }
    const namespaced = this.replicaSets.list().filter((rs) => rs.metadata?.namespace === d.metadata?.namespace);
    const rsList = await claimReplicaSets(this.opts.client, d, selector, namespaced);
    if (d.metadata?.deletionTimestamp) {
      const { newRS, oldRSs } = await w.replicaSetsAndSyncRevision(d, rsList, false);
      await w.syncDeploymentStatus([...oldRSs, newRS], newRS, d);
      return undefined;
    }
    await checkPausedConditions(w, d, this.now());
    if (d.spec?.paused || (await isScalingEvent(w, d, rsList))) {
      await syncScaling(w, d, rsList);
      return undefined;
    }
    switch (d.spec?.strategy?.type) {
      case 'Recreate':
        return rolloutRecreate(w, d, rsList, this.podMap(d, rsList));
      case 'RollingUpdate':
        return rolloutRolling(w, d, rsList);
      default:
        throw new Error(`unexpected deployment strategy type: ${d.spec?.strategy?.type ?? ''}`);
    }
  }
}
