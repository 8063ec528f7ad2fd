// metav1.GetControllerOf: the owner reference marked controller=true.
import type { ObjectMeta } from '@kctl/shared';

type OwnerReference = NonNullable<ObjectMeta['ownerReferences']>[number];

export function controllerOf(meta: ObjectMeta | undefined): OwnerReference | undefined {
  return (meta?.ownerReferences ?? []).find((ref) => ref.controller === true);
}

/** describe.go's printController: "ReplicaSet/web-5d8f" or "" when nothing controls it. */
export function controlledBy(meta: ObjectMeta | undefined): string {
  const ref = controllerOf(meta);
  return ref ? `${ref.kind}/${ref.name}` : '';
}
