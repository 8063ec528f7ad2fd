// Who an object is, for the garbage collector: its coordinates plus its uid. Owner references
// name an owner by apiVersion, kind, name and uid; the namespace is the dependent's own when the
// owner's kind is namespaced (owners never live in another namespace).
import type { KubernetesObject, ObjectMeta } from '@kctl/shared';

export type OwnerReference = NonNullable<ObjectMeta['ownerReferences']>[number];

export interface Identity {
  apiVersion: string;
  kind: string;
  /** '' for cluster-scoped objects */
  namespace: string;
  name: string;
  uid: string;
}

export const ORPHAN_FINALIZER = 'orphan';
export const FOREGROUND_FINALIZER = 'foregroundDeletion';

export function identityOf(obj: KubernetesObject, apiVersion: string, kind: string): Identity {
  const meta = obj.metadata ?? {};
  return { apiVersion, kind, namespace: meta.namespace ?? '', name: meta.name ?? '', uid: meta.uid ?? '' };
}

export function ownerIdentity(ref: OwnerReference, namespace: string): Identity {
  return { apiVersion: ref.apiVersion, kind: ref.kind, namespace, name: ref.name, uid: ref.uid };
}

export function sameIdentity(a: Identity, b: Identity): boolean {
  return a.uid === b.uid && a.apiVersion === b.apiVersion && a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;
}

export function describe(id: Identity): string {
  return `${id.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name} (${id.uid})`;
}

/**
 * Owners verified to be gone (Kubernetes' absentOwnerCache, an LRU): uids are never reused, so
 * an identity once absent stays absent and its dependents need no further GET of it.
 */
export class AbsentOwnerCache {
  private readonly entries = new Map<string, true>();

  constructor(private readonly capacity = 500) {}

  private static key(id: Identity): string {
    return [id.uid, id.apiVersion, id.kind, id.namespace, id.name].join('\u0000');
  }

  add(id: Identity): void {
    const key = AbsentOwnerCache.key(id);
    this.entries.delete(key);
    this.entries.set(key, true);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  has(id: Identity): boolean {
    const key = AbsentOwnerCache.key(id);
    if (!this.entries.has(key)) return false;
    this.entries.delete(key);
    this.entries.set(key, true);
    return true;
  }
}
