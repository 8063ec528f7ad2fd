// NodeUnschedulable: a cordoned node (spec.unschedulable) takes only pods that tolerate
// node.kubernetes.io/unschedulable:NoSchedule.
import type { FilterPlugin } from './filter-plugin.js';
import { podToleratesTaint } from '@kctl/shared';

export const nodeUnschedulable: FilterPlugin = {
  name: 'NodeUnschedulable',
  filter(pod, node) {
    if (!node.node?.spec?.unschedulable) return undefined;
    if (podToleratesTaint(pod.pod, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) return undefined;
    return { plugin: 'NodeUnschedulable', code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'] };
  },
};
