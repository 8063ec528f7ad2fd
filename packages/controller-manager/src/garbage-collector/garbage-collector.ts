// The garbage collector (Kubernetes' pkg/controller/garbagecollector, compact): informers over
// every kind feed the ownerReferences graph; two work queues act on it.
// - attemptToDelete: a dependent whose owners are all gone is deleted (honouring its own
//   orphan/foreground finalizers), one with some live owners only loses the dangling references;
//   an owner being deleted in the foreground waits until its blocking dependents are gone, then
//   loses the foregroundDeletion finalizer.
// - attemptToOrphan: the references to an owner with the orphan finalizer are removed from its
//   dependents, then the finalizer.
// Nothing is ever deleted on the word of a cache: owners are confirmed absent by a live GET (or
// by an observed deletion of that very uid), and deletions carry uid/resourceVersion preconditions.
import { ApiError, WorkQueue, apiVersionOf, defaultCatalog, resourcePath, runWorkers } from '@kctl/shared';
import type { Informer, ApiClient, BackoffOptions, KubernetesObject, ResourceCatalog, ResourceType } from '@kctl/shared';
import type { Logger } from 'pino';
import { DependencyGraph } from './dependency-graph.js';
import type { GraphNode } from './dependency-graph.js';
import { AbsentOwnerCache, FOREGROUND_FINALIZER, ORPHAN_FINALIZER, describe } from './object-identity.js';
import type { Identity, OwnerReference } from './object-identity.js';
import { controllerInformers } from '../shared-informers.js';
import type { SharedInformerFactory } from '../shared-informers.js';
import { isNotFound } from '../controller-runtime.js';

export interface GarbageCollectorOptions {
  client: ApiClient;
  logger: Logger;
  catalog?: ResourceCatalog;
  /** concurrent attemptToDelete workers (Kubernetes: --concurrent-gc-syncs=20) */
  workers?: number;
  reconnectBackoff?: BackoffOptions;
  /** the controller manager's shared informers; without them the controller makes its own */
  informers?: SharedInformerFactory;
}

type Policy = 'Background' | 'Foreground' | 'Orphan';

// Events are never owners worth tracking and are the most numerous objects (Kubernetes ignores them too).
const IGNORED = new Set(['/events', 'events.k8s.io/events']);
// A virtual node that exists but is not observed yet is looked at again after this long.
const UNOBSERVED_RECHECK_MS = 500;
const PARALLEL_PATCHES = 16;

const isConflict = (err: unknown) => err instanceof ApiError && err.code === 409;
const MERGE_PATCH = 'application/merge-patch+json';

async function forEachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export class GarbageCollector {
  private readonly client: ApiClient;
  private readonly log: Logger;
  private readonly catalog: ResourceCatalog;
  private readonly workers: number;
  private readonly informers: Informer<KubernetesObject>[];
  private readonly graph: DependencyGraph;
  private readonly absent = new AbsentOwnerCache();
  private readonly deleteQueue = new WorkQueue<string>();
  private readonly orphanQueue = new WorkQueue<string>();
  private loops: Promise<void>[] = [];
  private readonly releaseInformers: () => void;

  constructor(opts: GarbageCollectorOptions) {
    this.client = opts.client;
    this.log = opts.logger;
    this.catalog = opts.catalog ?? defaultCatalog;
    this.workers = opts.workers ?? 10;
    this.graph = new DependencyGraph((apiVersion, kind) => this.catalog.byKind(apiVersion, kind)?.namespaced, {
      attemptToDelete: (node) => this.deleteQueue.add(node.identity.uid),
      attemptToOrphan: (node) => this.orphanQueue.add(node.identity.uid),
      ownerAbsent: (identity) => this.absent.add(identity),
    });
    const { factory, release } = controllerInformers(opts, (err) => this.log.error({ err }, 'garbage collector graph update failed'));
    this.releaseInformers = release;
    this.informers = this.monitoredTypes().map((type) => {
      const informer = factory.informerFor<KubernetesObject>(type);
      const apiVersion = apiVersionOf(type);
      informer.onAdd((obj) => this.graph.observe(obj, apiVersion, type.kind));
      informer.onUpdate((obj) => this.graph.observe(obj, apiVersion, type.kind));
      informer.onDelete((obj) => this.graph.observeDeletion(obj));
      return informer;
    });
  }

  /** Every kind that can own or be owned: the catalog, less aliases and events. */
  private monitoredTypes(): ResourceType[] {
    return this.catalog.types.filter((t) => !t.storedAs && !IGNORED.has(`${t.group}/${t.resource}`));
  }

  /** Resolves once the graph holds every object and the workers run. */
  async start(): Promise<void> {
    await Promise.all(this.informers.map((i) => i.start()));
    this.log.info({ nodes: this.graph.size, kinds: this.informers.length }, 'garbage collector synced');
    const onError = (what: string) => (uid: string, err: unknown) =>
      this.log.warn({ uid, err: (err as Error).message }, `${what} failed, will retry`);
    this.loops = [
      runWorkers(this.deleteQueue, this.workers, (uid) => this.attemptToDelete(uid), { onError: onError('garbage collection') }),
      runWorkers(this.orphanQueue, Math.max(1, Math.floor(this.workers / 2)), (uid) => this.attemptToOrphan(uid), { onError: onError('orphaning') }),
    ];
  }

  async stop(): Promise<void> {
    this.releaseInformers();
    this.deleteQueue.shutDown();
    this.orphanQueue.shutDown();
    await Promise.all(this.loops);
  }

  // ---- attemptToDelete -------------------------------------------------------------------

  async attemptToDelete(uid: string): Promise<{ requeueAfter: number } | void> {
    const node = this.graph.get(uid);
    if (!node) return;
    if (node.observed && node.beingDeleted && !node.deletingDependents) return;
    const latest = await this.getLive(node.identity);
    if (latest === 'unknown-kind') return;
    if (!latest || latest.metadata?.uid !== node.identity.uid) {
      this.log.debug({ object: describe(node.identity) }, 'object is gone');
      this.graph.verifiedAbsent(node.identity);
      return;
    }
    // It exists but the informer has not shown it yet: look again once it has.
    if (!node.observed) return { requeueAfter: UNOBSERVED_RECHECK_MS };
    if (node.deletingDependents) return this.processDeletingDependents(node);
    const refs = latest.metadata?.ownerReferences ?? [];
    if (refs.length === 0) return;
    const { solid, dangling, waiting } = await this.classifyReferences(node, refs);
    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return;
      // Owners that are gone, or waiting for their dependents, are dropped from the references;
      // the live owners keep the object.
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
      this.log.info({ object: describe(node.identity), owners: [...drop] }, 'removing dangling ownerReferences');
      await this.patchOwnerReferences(node.identity, (current) => current.filter((r) => !drop.has(r.uid)));
      return;
    }
    if (waiting.length > 0 && node.dependents.size > 0) {
      // An owner waits for this object, which has dependents of its own: delete it in the
      // foreground too. A dependent also deleting its dependents could close a cycle, so the
      // references to waiting owners stop blocking them first.
      if ([...node.dependents].some((dep) => dep.deletingDependents)) {
        const unblock = new Set(waiting.map((r) => r.uid));
        await this.patchOwnerReferences(node.identity, (current) =>
          current.map((r) => (unblock.has(r.uid) && r.blockOwnerDeletion ? { ...r, blockOwnerDeletion: false } : r)),
        );
      }
      return this.deleteObject(node.identity, latest, 'Foreground');
    }
    const finalizers = latest.metadata?.finalizers ?? [];
    const policy: Policy = finalizers.includes(ORPHAN_FINALIZER) ? 'Orphan' : finalizers.includes(FOREGROUND_FINALIZER) ? 'Foreground' : 'Background';
    return this.deleteObject(node.identity, latest, policy);
  }

  /** Sorts an object's owner references into live owners, gone ones, and ones deleting in the foreground. */
  private async classifyReferences(node: GraphNode, refs: OwnerReference[]) {
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of refs) {
      const ownerType = this.catalog.byKind(ref.apiVersion, ref.kind);
      // An owner we cannot look up (unknown kind, or a namespaced owner of a cluster-scoped
      // object) is never taken for absent: such a dependent is never collected.
      if (!ownerType || (ownerType.namespaced && !node.identity.namespace)) {
        solid.push(ref);
        continue;
      }
      const identity = this.graph.ownerIdentity(ref, node.identity.namespace);
      if (this.absent.has(identity)) {
        dangling.push(ref);
        continue;
      }
      const owner = await this.getLive(identity);
      if (owner === 'unknown-kind') solid.push(ref);
      else if (!owner || owner.metadata?.uid !== ref.uid) {
        this.absent.add(identity);
        dangling.push(ref);
      } else if (owner.metadata?.deletionTimestamp && (owner.metadata.finalizers ?? []).includes(FOREGROUND_FINALIZER)) {
        waiting.push(ref);
      } else solid.push(ref);
    }
    return { solid, dangling, waiting };
  }

  /** The owner of a foreground deletion: gone dependents free it; blocking ones are deleted. */
  private async processDeletingDependents(node: GraphNode): Promise<void> {
    const blocking = [...node.dependents].filter((dep) => dep.owners.some((r) => r.uid === node.identity.uid && r.blockOwnerDeletion));
    if (blocking.length === 0) {
      this.log.info({ object: describe(node.identity) }, 'dependents deleted, removing the foregroundDeletion finalizer');
      await this.removeFinalizer(node.identity, FOREGROUND_FINALIZER);
      return;
    }
    for (const dep of blocking) if (!dep.deletingDependents) this.deleteQueue.add(dep.identity.uid);
  }

  // ---- attemptToOrphan -------------------------------------------------------------------

  async attemptToOrphan(uid: string): Promise<void> {
    const node = this.graph.get(uid);
    if (!node) return;
    const dependents = [...node.dependents];
    await forEachLimited(dependents, PARALLEL_PATCHES, (dep) => this.patchOwnerReferences(dep.identity, (current) => current.filter((r) => r.uid !== uid)));
    this.log.info({ object: describe(node.identity), dependents: dependents.length }, 'dependents orphaned, removing the orphan finalizer');
    await this.removeFinalizer(node.identity, ORPHAN_FINALIZER);
  }

  // ---- API calls -------------------------------------------------------------------------

  private typeOf(identity: Identity): ResourceType | undefined {
    return this.catalog.byKind(identity.apiVersion, identity.kind);
  }

  private pathOf(type: ResourceType, identity: Identity): string {
    return resourcePath(type, type.namespaced ? identity.namespace : undefined, identity.name);
  }

  /** The object as the API server has it now; null when it does not exist. */
  private async getLive(identity: Identity): Promise<KubernetesObject | null | 'unknown-kind'> {
    const type = this.typeOf(identity);
    if (!type) return 'unknown-kind';
    try {
      return await this.client.get<KubernetesObject>(this.pathOf(type, identity));
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  /**
   * DELETE with uid and resourceVersion preconditions, so that an object whose references
   * changed meanwhile survives; a conflict caused by another change is retried without the
   * resourceVersion, as Kubernetes does, so busy objects are not starved.
   */
  private async deleteObject(identity: Identity, latest: KubernetesObject, policy: Policy): Promise<void> {
    const type = this.typeOf(identity);
    if (!type) return;
    const path = this.pathOf(type, identity);
    const rv = latest.metadata?.resourceVersion;
    const body = (resourceVersion?: string) => ({
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      propagationPolicy: policy,
      preconditions: { uid: identity.uid, ...(resourceVersion ? { resourceVersion } : {}) },
    });
    this.log.info({ object: describe(identity), policy }, 'deleting object whose owners are gone');
    try {
      await this.client.delete(path, body(rv));
    } catch (err) {
      if (isNotFound(err)) return;
      if (!isConflict(err) || !rv) throw err;
      const live = await this.getLive(identity);
      if (!live || live === 'unknown-kind') return;
      const sameOwners = JSON.stringify(live.metadata?.ownerReferences ?? []) === JSON.stringify(latest.metadata?.ownerReferences ?? []);
      if (live.metadata?.uid !== identity.uid || !sameOwners) throw err;
      await this.client.delete(path, body()).catch((again: unknown) => {
        if (!isNotFound(again)) throw again;
      });
    }
  }

  /** Rewrites an object's ownerReferences (merge patch guarded by resourceVersion, retried on conflict). */
  private async patchOwnerReferences(identity: Identity, change: (current: OwnerReference[]) => OwnerReference[]): Promise<void> {
    await this.patchMetadata(identity, (meta) => {
      const current = meta.ownerReferences ?? [];
      const next = change(current);
      if (JSON.stringify(next) === JSON.stringify(current)) return undefined;
      return { ownerReferences: next.length > 0 ? next : null };
    });
  }

  private async removeFinalizer(identity: Identity, finalizer: string): Promise<void> {
    await this.patchMetadata(identity, (meta) => {
      const current = meta.finalizers ?? [];
      if (!current.includes(finalizer)) return undefined;
      const next = current.filter((f) => f !== finalizer);
      return { finalizers: next.length > 0 ? next : null };
    });
  }

  private async patchMetadata(
    identity: Identity,
    change: (meta: NonNullable<KubernetesObject['metadata']>) => Record<string, unknown> | undefined,
  ): Promise<void> {
    const type = this.typeOf(identity);
    if (!type) return;
    const path = this.pathOf(type, identity);
    for (let attempt = 0; ; attempt++) {
      const live = await this.getLive(identity);
      if (!live || live === 'unknown-kind' || live.metadata?.uid !== identity.uid) return;
      const patch = change(live.metadata);
      if (!patch) return;
      try {
        await this.client.patch(path, { metadata: { ...patch, resourceVersion: live.metadata.resourceVersion } }, MERGE_PATCH);
        return;
      } catch (err) {
        if (isNotFound(err)) return;
        if (!isConflict(err) || attempt >= 4) throw err;
      }
    }
  }
}
