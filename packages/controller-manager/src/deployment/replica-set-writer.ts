// The Deployment controller's writes (sync.go): finding or creating the new ReplicaSet and
// keeping its revision in step, scaling ReplicaSets with a ScalingReplicaSet event, deleting
// history beyond revisionHistoryLimit, and writing the Deployment's status. Callers pass a
// working copy of the Deployment (never the informer's frozen object); it is updated in place as
// upstream's `d` is, including the resourceVersion each status write returns.
import { ApiError, defaultCatalog, resourcePath } from '@kctl/shared';
import type { ApiClient, Deployment, EventRecorder, ReplicaSet } from '@kctl/shared';
import { controllerOf, controllerRefOf } from '../pod-control/index.js';
import {
  maxRevision,
  byRevision,
  replicasAnnotationsNeedUpdate,
  setDeploymentRevision,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  REVISION_ANNOTATION,
} from './annotations.js';
import { calculateStatus, getCondition, hasProgressDeadline, newCondition, REASON, rolloutStatus, setCondition, stuckRequeueAfter } from './deployment-status.js';
import { computePodTemplateHash } from './pod-template-hash.js';
import { byCreationTimestamp, deploymentReplicas, findNewReplicaSet, findOldReplicaSets, specReplicas } from './replica-set-lists.js';
import { maxSurge, newRSNewReplicas } from './rollout-math.js';
import { equalIgnoreHash, POD_TEMPLATE_HASH_LABEL } from './template-equality.js';
import { canonicalJson } from '../object-hash.js';
import { isNotFound } from '../controller-runtime.js';

const REPLICA_SETS = defaultCatalog.resolve('replicasets')!;
const DEPLOYMENTS = defaultCatalog.resolve('deployments')!;

export interface WriterContext {
  client: ApiClient;
  recorder: EventRecorder;
  now: () => number;
  /** the informer's copy, for a create that found the name taken */
  cachedReplicaSet: (namespace: string, name: string) => ReplicaSet | undefined;
}

export interface ReplicaSets {
  newRS: ReplicaSet | undefined;
  oldRSs: ReplicaSet[];
}

const rsPath = (rs: ReplicaSet) => resourcePath(REPLICA_SETS, rs.metadata?.namespace, rs.metadata?.name);
const isAlreadyExists = (err: unknown) => err instanceof ApiError && err.code === 409 && err.reason === 'AlreadyExists';

export class ReplicaSetWriter {
  constructor(private readonly ctx: WriterContext) {}

  /** Events go out in the background, as with client-go's broadcaster. */
  event(d: Deployment, type: 'Normal' | 'Warning', reason: string, message: string): void {
    void this.ctx.recorder.record(d, type, reason, message).catch(() => undefined);
  }

  /** UpdateStatus with the working copy; keeps its resourceVersion current for the next write. */
  async updateStatus(d: Deployment): Promise<void> {
    const path = `${resourcePath(DEPLOYMENTS, d.metadata?.namespace, d.metadata?.name)}/status`;
    const updated = await this.ctx.client.replace<Deployment>(path, d);
    if (updated.metadata?.resourceVersion && d.metadata) d.metadata.resourceVersion = updated.metadata.resourceVersion;
  }

  /** getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created when asked and missing) and all others. */
  async replicaSetsAndSyncRevision(d: Deployment, rsList: readonly ReplicaSet[], createIfNotExisted: boolean): Promise<ReplicaSets> {
    const oldRSs = findOldReplicaSets(d, rsList);
    const newRS = await this.getNewReplicaSet(d, rsList, oldRSs, createIfNotExisted);
    return { newRS, oldRSs };
  }

  private async getNewReplicaSet(d: Deployment, rsList: readonly ReplicaSet[], oldRSs: ReplicaSet[], createIfNotExisted: boolean): Promise<ReplicaSet | undefined> {
    const existing = findNewReplicaSet(d, rsList);
    const newRevision = maxRevision(oldRSs) + 1;
    if (existing) return this.syncExistingNewReplicaSet(d, existing, newRevision);
    if (!createIfNotExisted) return undefined;
    return this.createNewReplicaSet(d, oldRSs, newRevision);
  }

  /** The new ReplicaSet exists: bring its annotations and minReadySeconds up to date, and the Deployment's revision. */
  private async syncExistingNewReplicaSet(d: Deployment, existing: ReplicaSet, newRevision: number): Promise<ReplicaSet> {
    const copy = structuredClone(existing);
    const annotationsUpdated = setNewReplicaSetAnnotations(d, copy, newRevision, true, maxSurge(d));
    const minReadySeconds = d.spec?.minReadySeconds ?? 0;
    if (annotationsUpdated || (copy.spec?.minReadySeconds ?? 0) !== minReadySeconds) {
      copy.spec = { ...copy.spec!, minReadySeconds };
      return this.ctx.client.replace<ReplicaSet>(rsPath(copy), copy);
    }
    // The revision the ReplicaSet carries is the reliable one (the Deployment's may be stale).
    let needsUpdate = setDeploymentRevision(d, copy.metadata?.annotations?.[REVISION_ANNOTATION] ?? '');
    if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
      d.status ??= {};
      setCondition(d.status, newCondition('Progressing', 'True', REASON.foundNewRS, `Found new replica set "${copy.metadata?.name ?? ''}"`, this.ctx.now()));
      needsUpdate = true;
    }
    if (needsUpdate) await this.updateStatus(d);
    return copy;
  }

  private newReplicaSetFor(d: Deployment): ReplicaSet {
    const template = structuredClone(d.spec!.template);
    const hash = computePodTemplateHash(template, d.status?.collisionCount);
    const labels = { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
    template.metadata = { ...(template.metadata ?? {}), labels };
    const selector = structuredClone(d.spec!.selector);
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
    const minReadySeconds = d.spec?.minReadySeconds ?? 0;
    return {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        // Deterministic, so a retried create after a lost response finds its own ReplicaSet.
        name: `${d.metadata?.name ?? ''}-${hash}`,
        namespace: d.metadata?.namespace ?? '',
        ownerReferences: [controllerRefOf(d)],
        labels: { ...labels },
      },
      spec: { replicas: 0, ...(minReadySeconds ? { minReadySeconds } : {}), selector, template },
    };
  }

  private async createNewReplicaSet(d: Deployment, oldRSs: ReplicaSet[], newRevision: number): Promise<ReplicaSet> {
    const newRS = this.newReplicaSetFor(d);
    const replicas = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
    newRS.spec!.replicas = replicas;
    setNewReplicaSetAnnotations(d, newRS, newRevision, false, maxSurge(d));
    const name = newRS.metadata!.name!;
    const namespace = newRS.metadata!.namespace!;
    let created: ReplicaSet;
    let alreadyExists = false;
    try {
      created = await this.ctx.client.create<ReplicaSet>(resourcePath(REPLICA_SETS, namespace), newRS);
    } catch (err) {
      if (!isAlreadyExists(err)) {
        const message = `Failed to create new replica set "${name}": ${(err as Error).message}`;
        if (hasProgressDeadline(d)) {
          d.status ??= {};
          setCondition(d.status, newCondition('Progressing', 'False', REASON.failedRSCreate, message, this.ctx.now()));
          await this.updateStatus(d).catch(() => undefined);
        }
        this.event(d, 'Warning', REASON.failedRSCreate, message);
        throw err;
      }
      // A slow cache or a fast resync: ours if we control it and its template is ours. Otherwise a
      // hash collision: bump collisionCount so the next sync hashes to another name.
      const rs = this.ctx.cachedReplicaSet(namespace, name);
      if (!rs) throw err;
      if (controllerOf(rs)?.uid !== d.metadata?.uid || !equalIgnoreHash(d.spec?.template, rs.spec?.template)) {
        d.status = { ...(d.status ?? {}), collisionCount: (d.status?.collisionCount ?? 0) + 1 };
        await this.updateStatus(d);
        throw err;
      }
      created = rs;
      alreadyExists = true;
    }
    if (!alreadyExists && replicas > 0) {
      this.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata?.name ?? ''} from 0 to ${replicas}`);
    }
    let needsUpdate = setDeploymentRevision(d, String(newRevision));
    if (!alreadyExists && hasProgressDeadline(d)) {
      d.status ??= {};
      setCondition(d.status, newCondition('Progressing', 'True', REASON.newReplicaSet, `Created new replica set "${created.metadata?.name ?? ''}"`, this.ctx.now()));
      needsUpdate = true;
    }
    if (needsUpdate) await this.updateStatus(d);
    return created;
  }

  /** scaleReplicaSetAndRecordEvent: nothing to do when the size is already right. */
  async scaleAndRecordEvent(rs: ReplicaSet, newScale: number, d: Deployment): Promise<{ scaled: boolean; rs: ReplicaSet }> {
    if (specReplicas(rs) === newScale) return { scaled: false, rs };
    return this.scale(rs, newScale, d, specReplicas(rs) > newScale ? 'down' : 'up');
  }

  /** scaleReplicaSet: the new size and the Deployment's desired/max annotations in one update. */
  async scale(rs: ReplicaSet, newScale: number, d: Deployment, operation: string): Promise<{ scaled: boolean; rs: ReplicaSet }> {
    const desired = deploymentReplicas(d);
    const max = desired + maxSurge(d);
    const oldScale = specReplicas(rs);
    const sizeNeedsUpdate = oldScale !== newScale;
    if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
    const copy = structuredClone(rs);
    copy.spec = { ...copy.spec!, replicas: newScale };
    setReplicasAnnotations(copy, desired, max);
    const updated = await this.ctx.client.replace<ReplicaSet>(rsPath(copy), copy);
    if (sizeNeedsUpdate) {
      this.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${operation} replica set ${updated.metadata?.name ?? ''} from ${oldScale} to ${newScale}`);
    }
    return { scaled: sizeNeedsUpdate, rs: updated };
  }

  /** cleanupDeployment: delete the oldest idle ReplicaSets beyond revisionHistoryLimit. */
  async cleanup(oldRSs: readonly ReplicaSet[], d: Deployment): Promise<void> {
    const limit = d.spec?.revisionHistoryLimit;
    if (limit === undefined) return;
    const cleanable = oldRSs.filter((rs) => !rs.metadata?.deletionTimestamp);
    const diff = cleanable.length - limit;
    if (diff <= 0) return;
    const oldestFirst = [...cleanable].sort((a, b) => byRevision(a, b, byCreationTimestamp));
    for (const rs of oldestFirst.slice(0, diff)) {
      // Only ReplicaSets that are (and are known to be) empty.
      if ((rs.status?.replicas ?? 0) !== 0 || specReplicas(rs) !== 0) continue;
      if ((rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      try {
        await this.ctx.client.delete(rsPath(rs));
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
  }

  /** syncDeploymentStatus: counts and Available only. */
  async syncDeploymentStatus(allRSs: ReadonlyArray<ReplicaSet | undefined>, newRS: ReplicaSet | undefined, d: Deployment): Promise<void> {
    const status = calculateStatus(allRSs, newRS, d, this.ctx.now());
    if (canonicalJson(d.status ?? {}) === canonicalJson(status)) return;
    d.status = status;
    await this.updateStatus(d);
  }

  /** syncRolloutStatus: with the Progressing condition; returns when to look again for a stuck rollout. */
  async syncRolloutStatus(allRSs: ReadonlyArray<ReplicaSet | undefined>, newRS: ReplicaSet | undefined, d: Deployment): Promise<number | undefined> {
    const now = this.ctx.now();
    const status = rolloutStatus(allRSs, newRS, d, now);
    if (canonicalJson(d.status ?? {}) === canonicalJson(status)) return stuckRequeueAfter(d, status, now);
    d.status = status;
    await this.updateStatus(d);
    return undefined;
  }
}
