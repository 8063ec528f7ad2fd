// How a pod-owning controller reacts to pod events (addPod / updatePod / deletePod of the
// DaemonSet and StatefulSet controllers): the owner's key is queued, the expectations learn what
// the watch has now shown, and an orphan wakes every owner that could adopt it.
import type { ControllerExpectations, Informer, Pod, WorkQueue } from '@kctl/shared';
import type { ObjectMeta } from '@kctl/shared';
import { controllerOf } from '../pod-control/index.js';

interface OwnerObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

export const ownerKey = (obj: { metadata?: { namespace?: string; name?: string } }) => `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;

export interface PodEventRouting<O extends OwnerObject> {
  /** the owner kind, e.g. DaemonSet */
  kind: string;
  owners: Informer<O>;
  queue: WorkQueue<string>;
  expectations: ControllerExpectations;
  /** true when the owner's selector selects the pod (an orphan it may adopt) */
  selects(owner: O, pod: Pod): boolean;
}

export function routePodEvents<O extends OwnerObject>(pods: Informer<Pod>, routing: PodEventRouting<O>): void {
  const { owners, queue, expectations } = routing;
  const ownerOf = (pod: Pod): O | undefined => {
    const ref = controllerOf(pod);
    if (ref?.kind !== routing.kind) return undefined;
    const owner = owners.get(pod.metadata?.namespace, ref.name);
    return owner?.metadata?.uid === ref.uid ? owner : undefined;
  };
  const wakeAdopters = (pod: Pod) => {
    if (controllerOf(pod)) return;
    for (const owner of owners.list()) {
      if (owner.metadata?.namespace === pod.metadata?.namespace && routing.selects(owner, pod)) queue.add(ownerKey(owner));
    }
  };
  pods.onAdd((pod) => {
    const owner = ownerOf(pod);
    if (!owner) return wakeAdopters(pod);
    expectations.creationObserved(ownerKey(owner));
    if (pod.metadata?.deletionTimestamp) expectations.deletionObserved(ownerKey(owner), pod.metadata.uid ?? '');
    queue.add(ownerKey(owner));
  });
  pods.onUpdate((pod, old) => {
    const owner = ownerOf(pod);
    // A pod marked for deletion is as good as gone for the expectations.
    if (owner && pod.metadata?.deletionTimestamp && !old.metadata?.deletionTimestamp) expectations.deletionObserved(ownerKey(owner), pod.metadata.uid ?? '');
    const oldOwner = ownerOf(old);
    if (oldOwner && oldOwner !== owner) queue.add(ownerKey(oldOwner));
    if (owner) queue.add(ownerKey(owner));
    else wakeAdopters(pod);
  });
  pods.onDelete((pod) => {
    const owner = ownerOf(pod);
    if (!owner) return;
    expectations.deletionObserved(ownerKey(owner), pod.metadata?.uid ?? '');
    queue.add(ownerKey(owner));
  });
}

/** Selector matching that treats an unparsable selector as selecting nothing. */
export function safelySelects(match: () => boolean): boolean {
  try {
    return match();
  } catch {
    return false;
  }
}
