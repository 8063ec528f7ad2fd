// The garbage collector's graph of ownerReferences (Kubernetes' GraphBuilder): one node per uid,
// edges from owners to dependents. Informer events update it synchronously and report which
// nodes the collector must look at; owners referenced but not (yet) observed are "virtual" nodes,
// which the collector verifies with a live GET.
import type { KubernetesObject } from '@kctl/shared';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER, identityOf, ownerIdentity, sameIdentity } from './object-identity.js';
import type { Identity, OwnerReference } from './object-identity.js';

export interface GraphNode {
  identity: Identity;
  /** seen through an informer; a virtual node is only known as somebody's owner */
  observed: boolean;
  owners: OwnerReference[];
  dependents: Set<GraphNode>;
  /** has a deletionTimestamp */
  beingDeleted: boolean;
  /** being deleted with the foregroundDeletion finalizer: its dependents go first */
  deletingDependents: boolean;
  /** being deleted with the orphan finalizer */
  orphaning: boolean;
}

export interface GraphListener {
  /** look at this node: maybe delete it, or finish its foreground deletion, or verify it exists */
  attemptToDelete(node: GraphNode): void;
  /** remove the ownerReferences to this node from its dependents, then its orphan finalizer */
  attemptToOrphan(node: GraphNode): void;
  /** this owner identity is known to be gone */
  ownerAbsent(identity: Identity): void;
}

/** Whether the owner's kind is namespaced; undefined when the kind is unknown. */
export type ScopeOf = (apiVersion: string, kind: string) => boolean | undefined;

export class DependencyGraph {
  private readonly nodes = new Map<string, GraphNode>();

  constructor(
    private readonly scopeOf: ScopeOf,
    private readonly listener: GraphListener,
  ) {}

  get(uid: string): GraphNode | undefined {
    return this.nodes.get(uid);
  }

  get size(): number {
    return this.nodes.size;
  }

  /** The identity an owner reference names, from a dependent in `namespace`. */
  ownerIdentity(ref: OwnerReference, dependentNamespace: string): Identity {
    const namespaced = this.scopeOf(ref.apiVersion, ref.kind) ?? true;
    return ownerIdentity(ref, namespaced ? dependentNamespace : '');
  }

  /** An added or updated object. */
  observe(obj: KubernetesObject, apiVersion: string, kind: string): void {
    const identity = identityOf(obj, apiVersion, kind);
    if (!identity.uid) return;
    const meta = obj.metadata ?? {};
    const owners = (meta.ownerReferences ?? []).filter((ref) => !!ref.uid);
    const finalizers = meta.finalizers ?? [];
    const beingDeleted = !!meta.deletionTimestamp;
    let node = this.nodes.get(identity.uid);
    if (!node) {
      node = { identity, observed: true, owners: [], dependents: new Set(), beingDeleted: false, deletingDependents: false, orphaning: false };
      this.nodes.set(identity.uid, node);
    } else if (!node.observed) {
      // A virtual node comes true. If dependents named it by other coordinates, they must be
      // re-checked: their reference may be dangling after all.
      const guessed = node.identity;
      node.observed = true;
      node.identity = identity;
      if (!sameIdentity(guessed, identity)) for (const dep of node.dependents) this.listener.attemptToDelete(dep);
    } else {
      node.identity = identity;
    }
    this.setOwners(node, owners);
    const deletingDependents = beingDeleted && finalizers.includes(FOREGROUND_FINALIZER);
    const orphaning = beingDeleted && finalizers.includes(ORPHAN_FINALIZER);
    const startsDeletingDependents = deletingDependents && !node.deletingDependents;
    const startsOrphaning = orphaning && !node.orphaning;
    node.beingDeleted = beingDeleted;
    node.deletingDependents = deletingDependents;
    node.orphaning = orphaning;
    if (startsOrphaning) this.listener.attemptToOrphan(node);
    if (startsDeletingDependents) {
      for (const dep of node.dependents) this.listener.attemptToDelete(dep);
      this.listener.attemptToDelete(node);
    }
  }

  /** An object the informer saw deleted. */
  observeDeletion(obj: KubernetesObject): void {
    const node = this.nodes.get(obj.metadata?.uid ?? '');
    if (node) this.removeNode(node);
  }

  /**
   * A live GET found `identity` gone (or replaced by another uid). Dependents are re-checked; the
   * node leaves the graph unless the informer observed it under other coordinates.
   */
  verifiedAbsent(identity: Identity): void {
    const node = this.nodes.get(identity.uid);
    if (!node) return;
    if (node.observed && !sameIdentity(node.identity, identity)) {
      this.listener.ownerAbsent(identity);
      for (const dep of node.dependents) this.listener.attemptToDelete(dep);
      return;
    }
    this.removeNode(node, identity);
  }

  private removeNode(node: GraphNode, identity: Identity = node.identity): void {
    this.nodes.delete(node.identity.uid);
    for (const ref of node.owners) {
      const owner = this.nodes.get(ref.uid);
      if (!owner) continue;
      owner.dependents.delete(node);
      this.dropUnneededVirtual(owner);
      // An owner waiting for its dependents may be free to go now.
      if (owner.deletingDependents) this.listener.attemptToDelete(owner);
    }
    if (node.dependents.size > 0) this.listener.ownerAbsent(identity);
    for (const dep of node.dependents) this.listener.attemptToDelete(dep);
  }

  private setOwners(node: GraphNode, owners: OwnerReference[]): void {
    const before = new Map(node.owners.map((ref) => [ref.uid, ref]));
    const after = new Map(owners.map((ref) => [ref.uid, ref]));
    node.owners = owners;
    for (const [uid, ref] of before) {
      const owner = this.nodes.get(uid);
      if (!owner) continue;
      const now = after.get(uid);
      if (!now) {
        owner.dependents.delete(node);
        this.dropUnneededVirtual(owner);
      }
      // A removed or no longer blocking reference may unblock an owner's foreground deletion.
      if (owner.deletingDependents && (!now || (ref.blockOwnerDeletion && !now.blockOwnerDeletion))) this.listener.attemptToDelete(owner);
    }
    for (const [uid, ref] of after) {
      if (before.has(uid)) continue;
      let owner = this.nodes.get(uid);
      if (!owner) {
        owner = {
          identity: this.ownerIdentity(ref, node.identity.namespace),
          observed: false,
          owners: [],
          dependents: new Set(),
          beingDeleted: false,
          deletingDependents: false,
          orphaning: false,
        };
        this.nodes.set(uid, owner);
        // Nobody has seen this owner: the collector checks whether it exists.
        this.listener.attemptToDelete(owner);
      }
      owner.dependents.add(node);
    }
  }

  private dropUnneededVirtual(node: GraphNode): void {
    if (!node.observed && node.dependents.size === 0) this.nodes.delete(node.identity.uid);
  }
}
