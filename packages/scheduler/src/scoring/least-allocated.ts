// NodeResourcesFit's LeastAllocated strategy: prefer the node with the most CPU and memory left
// after the pod, counting 100m / 200Mi for containers that request nothing.
import type { ScorePlugin } from './score-plugin.js';
import { MAX_NODE_SCORE } from './score-plugin.js';

function leastRequested(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

export const leastAllocated: ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  score(pod, nodes) {
    return nodes.map((node) => {
      const cpu = leastRequested(node.nonZeroRequested.milliCPU + pod.nonZeroRequests.milliCPU, node.allocatable.milliCPU);
      const memory = leastRequested(node.nonZeroRequested.memory + pod.nonZeroRequests.memory, node.allocatable.memory);
      // cpu and memory, weight 1 each
      return Math.trunc((cpu + memory) / 2);
    });
  },
};
