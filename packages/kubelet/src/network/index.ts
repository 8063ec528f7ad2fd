// Pod networking for the kubelet: one network namespace per pod with its own IP on the cluster's
// bridge (BridgePodNetwork), or the node's network when that is not possible (HostPodNetwork).
export type { BridgeNetworkOptions, PodNetwork, PodNetworkAttachment, PodNetworkRef } from './pod-network.js';
export { BridgePodNetwork } from './bridge-pod-network.js';
export { HostPodNetwork } from './host-pod-network.js';
export { detectPodNetworkSupport } from './pod-network-support.js';
export type { PodNetworkSupport } from './pod-network-support.js';
export { cidrInUse } from './cidr-in-use.js';
export { IpExhaustedError } from './host-local-ipam.js';
