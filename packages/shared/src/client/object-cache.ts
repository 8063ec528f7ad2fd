// The informer's store: objects by namespace/name, frozen so no consumer can change what others see.
import type { ObjectMeta } from '../api/object-types.js';

/** Anything with metadata: typed kinds (Pod, Node) as well as KubernetesObject. */
export interface ObjectWithMeta {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function keyOf(obj: ObjectWithMeta): string {
  return objectKey(obj.metadata?.namespace, obj.metadata?.name ?? '');
}

/** Freezes an object and everything it holds (objects fresh from JSON: no cycles). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
