// Controller references (metav1.GetControllerOf / NewControllerRef): the one ownerReference with
// controller=true ties a pod to the controller that manages it.
import type { ObjectMeta } from '@kctl/shared';

export type OwnerReference = NonNullable<ObjectMeta['ownerReferences']>[number];

/** A controller object as pod-control needs it: informer objects always carry apiVersion and kind. */
export interface ControllerObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

/** The ownerReference a controller puts on what it creates; blockOwnerDeletion lets foreground deletion wait for the pods. */
export function controllerRefOf(owner: ControllerObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion ?? '',
    kind: owner.kind ?? '',
    name: owner.metadata?.name ?? '',
    uid: owner.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The object's managing controller, if any. */
export function controllerOf(obj: { metadata?: ObjectMeta }): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((ref) => ref.controller === true);
}

/** True when `obj` is controlled by exactly this owner (by UID: a re-created owner of the same name is another owner). */
export function isControlledBy(obj: { metadata?: ObjectMeta }, owner: ControllerObject): boolean {
  const ref = controllerOf(obj);
  return ref !== undefined && ref.uid === owner.metadata?.uid;
}
