// @kctl/kubelet: the node agent. The process entry is main.ts (dist/kctl-kubelet.mjs).
export { Kubelet } from './kubelet.js';
export type { KubeletOptions } from './kubelet.js';
export { parseKubeletFlags, KUBELET_DEFAULTS } from './kubelet-config.js';
export type { KubeletConfig } from './kubelet-config.js';
export type { ContainerRuntime } from './runtime/container-runtime.js';
// The e2e clean-up test finds a node's cgroups by this name.
export { cgroupParentFor } from './runtime/container-cgroups.js';
