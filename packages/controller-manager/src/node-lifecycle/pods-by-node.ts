// Which pods are bound to each node, kept from the pod informer's events, so a node's change
// reaches its pods without scanning every pod in the cluster.
import { keyOf } from '@kctl/shared';
import type { Informer, Pod } from '@kctl/shared';

export class PodsByNode {
  private readonly byNode = new Map<string, Set<string>>();

  /** Register before any handler that reads the index, so it is current when they run. */
  constructor(pods: Informer<Pod>) {
    pods.onAdd((pod) => this.add(pod));
    pods.onUpdate((pod, old) => {
      if (pod.spec?.nodeName === old.spec?.nodeName) return;
      this.remove(old);
      this.add(pod);
    });
    pods.onDelete((pod) => this.remove(pod));
  }

  /** namespace/name keys of the pods bound to the node. */
  keys(node: string): string[] {
    return [...(this.byNode.get(node) ?? [])];
  }

  private add(pod: Pod): void {
    const node = pod.spec?.nodeName;
    if (!node) return;
    let keys = this.byNode.get(node);
    if (!keys) this.byNode.set(node, (keys = new Set()));
    keys.add(keyOf(pod));
  }

  private remove(pod: Pod): void {
    const node = pod.spec?.nodeName;
    if (!node) return;
    const keys = this.byNode.get(node);
    keys?.delete(keyOf(pod));
    if (keys?.size === 0) this.byNode.delete(node);
  }
}
