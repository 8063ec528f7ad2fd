// NodeResourcesFit: the pod's requests must fit in allocatable minus what the node's pods request
// (noderesources.fitsRequest: pods count first, then cpu, memory, ephemeral storage, extended).
import type { FilterPlugin } from './filter-plugin.js';

export const nodeResourcesFit: FilterPlugin = {
  name: 'NodeResourcesFit',
  filter(pod, node) {
    const reasons: string[] = [];
    if (node.pods.size + 1 > node.allowedPodNumber) reasons.push('Too many pods');
    const want = pod.requests;
    const free = (allocatable: number, requested: number) => allocatable - requested;
    if (want.milliCPU > 0 && want.milliCPU > free(node.allocatable.milliCPU, node.requested.milliCPU)) reasons.push('Insufficient cpu');
    if (want.memory > 0 && want.memory > free(node.allocatable.memory, node.requested.memory)) reasons.push('Insufficient memory');
    if (want.ephemeralStorage > 0 && want.ephemeralStorage > free(node.allocatable.ephemeralStorage, node.requested.ephemeralStorage)) {
      reasons.push('Insufficient ephemeral-storage');
    }
    for (const [name, amount] of Object.entries(want.scalar)) {
      if (amount > 0 && amount > free(node.allocatable.scalar[name] ?? 0, node.requested.scalar[name] ?? 0)) reasons.push(`Insufficient ${name}`);
    }
    return reasons.length ? { plugin: 'NodeResourcesFit', code: 'Unschedulable', reasons } : undefined;
  },
};
