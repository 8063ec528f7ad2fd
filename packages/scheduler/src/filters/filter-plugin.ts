// The Filter extension point: a plugin says why a node cannot take the pod, or nothing.
import type { NodeInfo } from '../cache/node-info.js';
import type { PodInfo } from '../cache/pod-info.js';

/**
 * Unschedulable: the node could take the pod if something changed there (preemption may help).
 * UnschedulableAndUnresolvable: nothing about the pods on the node would help.
 */
export type FilterCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface FilterFailure {
  plugin: string;
  code: FilterCode;
  /** each counted separately in the "0/N nodes are available" message */
  reasons: string[];
}

export interface FilterPlugin {
  readonly name: string;
  filter(pod: PodInfo, node: NodeInfo): FilterFailure | undefined;
}
