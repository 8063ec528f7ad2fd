// NodeAffinity: spec.nodeSelector and requiredDuringSchedulingIgnoredDuringExecution.
import type { FilterPlugin } from './filter-plugin.js';
import { podMatchesNodeSelectorAndAffinity } from '@kctl/shared';

export const nodeAffinity: FilterPlugin = {
  name: 'NodeAffinity',
  filter(pod, node) {
    if (!node.node || podMatchesNodeSelectorAndAffinity(pod.pod, node.node)) return undefined;
    return { plugin: 'NodeAffinity', code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match Pod's node affinity/selector"] };
  },
};
