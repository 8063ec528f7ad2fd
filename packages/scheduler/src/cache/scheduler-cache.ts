// The scheduler's view of the cluster: nodes with the pods bound to them, fed by the informers,
// plus the pods this scheduler has just bound but the informer has not shown bound yet ("assumed"),
// so that two pods scheduled back to back never overbook a node.
import type { Node, Pod } from '@kctl/shared';
import { NodeInfo } from './node-info.js';
import { podInfoOf } from './pod-info.js';
import type { PodInfo } from './pod-info.js';

export class SchedulerCache {
  private readonly nodes = new Map<string, NodeInfo>();
  /** uid → node name, for every pod counted on a node */
  private readonly podNodes = new Map<string, string>();
  private readonly assumed = new Set<string>();
  private nodeListCache: NodeInfo[] | undefined;

  setNode(node: Node): void {
    const name = node.metadata?.name ?? '';
    if (!this.nodes.get(name)?.node) this.nodeListCache = undefined;
    this.nodeInfo(name).setNode(node);
  }

  removeNode(node: Node): void {
    const info = this.nodes.get(node.metadata?.name ?? '');
    if (!info) return;
    info.setNode(undefined);
    this.nodeListCache = undefined;
    // Pods still bound there keep their entry, so a node that comes back counts them.
    if (info.pods.size === 0) this.nodes.delete(info.name);
  }

  /** Nodes that exist (have a Node object), in a stable order. */
  nodeList(): NodeInfo[] {
    this.nodeListCache ??= [...this.nodes.values()].filter((n) => n.node);
    return this.nodeListCache;
  }

  getNode(name: string): NodeInfo | undefined {
    return this.nodes.get(name);
  }

  /** A pod as the informer shows it: counted where it is bound, or nowhere while unbound. */
  updatePod(pod: Pod): void {
    const nodeName = pod.spec?.nodeName;
    const uid = pod.metadata?.uid ?? '';
    if (!nodeName) {
      // Still unbound: keep an assumption of ours until the binding shows up.
      if (!this.assumed.has(uid)) this.removePod(pod);
      return;
    }
    this.assumed.delete(uid);
    this.place(podInfoOf(pod), nodeName);
  }

  removePod(pod: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    this.assumed.delete(uid);
    const nodeName = this.podNodes.get(uid);
    if (nodeName === undefined) return;
    this.podNodes.delete(uid);
    const info = this.nodes.get(nodeName);
    info?.removePod(uid);
    if (info && !info.node && info.pods.size === 0) this.nodes.delete(nodeName);
  }

  /** Counts the pod on the node before the binding is confirmed. */
  assume(info: PodInfo, nodeName: string): void {
    this.assumed.add(info.uid);
    this.place(info, nodeName);
  }

  /** The binding failed: stop counting the pod unless the informer has meanwhile shown it bound. */
  forget(info: PodInfo): void {
    if (this.assumed.has(info.uid)) this.removePod(info.pod);
  }

  isAssumed(uid: string): boolean {
    return this.assumed.has(uid);
  }

  /** Counted on some node, assumed or confirmed. */
  isPlaced(uid: string): boolean {
    return this.podNodes.has(uid);
  }

  private place(info: PodInfo, nodeName: string): void {
    const previous = this.podNodes.get(info.uid);
    if (previous !== undefined && previous !== nodeName) this.nodes.get(previous)?.removePod(info.uid);
    this.podNodes.set(info.uid, nodeName);
    this.nodeInfo(nodeName).addPod(info);
  }

  private nodeInfo(name: string): NodeInfo {
    let info = this.nodes.get(name);
    if (!info) {
      info = new NodeInfo(name);
      this.nodes.set(name, info);
    }
    return info;
  }
}
