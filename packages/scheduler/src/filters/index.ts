// The default profile's filters in kube-scheduler's order; a node's first failure is its reason.
import type { FilterPlugin } from './filter-plugin.js';
import { nodeUnschedulable } from './node-unschedulable.js';
import { taintToleration } from './taint-toleration.js';
import { nodeAffinity } from './node-affinity.js';
import { nodePorts } from './node-ports.js';
import { nodeResourcesFit } from './node-resources-fit.js';

export type { FilterCode, FilterFailure, FilterPlugin } from './filter-plugin.js';

export const DEFAULT_FILTERS: readonly FilterPlugin[] = [nodeUnschedulable, taintToleration, nodeAffinity, nodePorts, nodeResourcesFit];
