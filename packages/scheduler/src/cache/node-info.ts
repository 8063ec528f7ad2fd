// One node and the pods bound (or assumed bound) to it, with their requests summed as the
// scheduler's framework.NodeInfo keeps them.
import type { Node } from '@kctl/shared';
import { parseQuantity, quantityValue } from '@kctl/shared';
import { addResources, emptyResources, resourcesFromMap } from '../resources/resource-set.js';
import type { ResourceSet } from '../resources/resource-set.js';
import type { PodInfo } from './pod-info.js';

export class NodeInfo {
  node: Node | undefined;
  allocatable: ResourceSet = emptyResources();
  /** allocatable "pods": how many pods the node accepts */
  allowedPodNumber = 0;
  readonly pods = new Map<string, PodInfo>();
  readonly requested: ResourceSet = emptyResources();
  readonly nonZeroRequested: ResourceSet = emptyResources();

  constructor(readonly name: string) {}

  setNode(node: Node | undefined): void {
    this.node = node;
    const allocatable = (node?.status?.allocatable ?? node?.status?.capacity ?? {}) as Record<string, string | number>;
    this.allocatable = resourcesFromMap(allocatable);
    const pods = parseQuantity(allocatable.pods);
    this.allowedPodNumber = pods ? quantityValue(pods) : 0;
  }

  addPod(info: PodInfo): void {
    this.removePod(info.uid);
    this.pods.set(info.uid, info);
    addResources(this.requested, info.requests);
    addResources(this.nonZeroRequested, info.nonZeroRequests);
  }

  removePod(uid: string): void {
    const old = this.pods.get(uid);
    if (!old) return;
    this.pods.delete(uid);
    addResources(this.requested, old.requests, -1);
    addResources(this.nonZeroRequested, old.nonZeroRequests, -1);
  }
}
