// A pod with what every filter and score needs computed once per scheduling attempt.
import type { Pod } from '@kctl/shared';
import { podHostPorts, podRequests } from '../resources/pod-requests.js';
import type { HostPort } from '../resources/pod-requests.js';
import type { ResourceSet } from '../resources/resource-set.js';

export interface PodInfo {
  pod: Pod;
  key: string;
  uid: string;
  requests: ResourceSet;
  /** requests with the 100m / 200Mi defaults for containers that declare none */
  nonZeroRequests: ResourceSet;
  hostPorts: HostPort[];
  /** uid of the controller owner (ReplicaSet, StatefulSet...), for spreading */
  controllerUid: string | undefined;
}

export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

export function controllerUidOf(pod: Pod): string | undefined {
  return pod.metadata?.ownerReferences?.find((ref) => ref.controller)?.uid;
}

export function podInfoOf(pod: Pod): PodInfo {
  return {
    pod,
    key: podKey(pod),
    uid: pod.metadata?.uid ?? podKey(pod),
    requests: podRequests(pod),
    nonZeroRequests: podRequests(pod, { nonZero: true }),
    hostPorts: podHostPorts(pod),
    controllerUid: controllerUidOf(pod),
  };
}
