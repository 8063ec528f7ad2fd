// NodeResourcesBalancedAllocation: prefer the node whose CPU and memory would be used in the most
// similar proportion, from the pods' actual requests (no non-zero defaults here, as upstream).
import type { ScorePlugin } from './score-plugin.js';
import { MAX_NODE_SCORE } from './score-plugin.js';

function fraction(requested: number, capacity: number): number {
  return capacity === 0 ? 1 : Math.min(1, requested / capacity);
}

export const balancedAllocation: ScorePlugin = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  score(pod, nodes) {
    return nodes.map((node) => {
      const cpu = fraction(node.requested.milliCPU + pod.requests.milliCPU, node.allocatable.milliCPU);
      const memory = fraction(node.requested.memory + pod.requests.memory, node.allocatable.memory);
      // The standard deviation of two fractions is half their distance.
      const std = Math.abs(cpu - memory) / 2;
      return Math.trunc((1 - std) * MAX_NODE_SCORE);
    });
  },
};
