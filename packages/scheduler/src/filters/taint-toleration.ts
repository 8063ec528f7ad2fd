// TaintToleration: the pod must tolerate every NoSchedule and NoExecute taint on the node.
import type { FilterFailure, FilterPlugin } from './filter-plugin.js';
import { effectiveTaints } from './node-condition-taints.js';
import { podToleratesTaint } from '@kctl/shared';

export const taintToleration: FilterPlugin = {
  name: 'TaintToleration',
  filter(pod, node): FilterFailure | undefined {
    if (!node.node) return undefined;
    const untolerated = effectiveTaints(node.node).find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !podToleratesTaint(pod.pod, t));
    if (!untolerated) return undefined;
    return {
      plugin: 'TaintToleration',
      code: 'UnschedulableAndUnresolvable',
      reasons: [`node(s) had untolerated taint {${untolerated.key}: ${untolerated.value ?? ''}}`],
    };
  },
};
