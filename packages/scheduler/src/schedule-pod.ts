// One scheduling cycle's decision (schedule_one.go's schedulePod): filter the nodes, score the
// feasible ones, pick the best. Like upstream, a large cluster is searched only until enough
// feasible nodes are found (percentageOfNodesToScore), starting where the last search stopped.
import type { NodeInfo } from './cache/node-info.js';
import type { PodInfo } from './cache/pod-info.js';
import { DEFAULT_FILTERS } from './filters/index.js';
import type { FilterFailure, FilterPlugin } from './filters/index.js';
import { DEFAULT_SCORERS } from './scoring/index.js';
import type { ScorePlugin } from './scoring/index.js';
import { NO_NODES_AVAILABLE, fitErrorMessage } from './fit-error.js';

export type ScheduleResult = { nodeName: string; feasibleNodes: number } | { unschedulable: string };

export interface SchedulePodOptions {
  filters?: readonly FilterPlugin[];
  scorers?: readonly ScorePlugin[];
  /** picks among equally good nodes; upstream picks uniformly at random */
  random?: () => number;
}

const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE = 5;

/** numFeasibleNodesToFind with the adaptive default percentage (50% − nodes/125, at least 5%). */
export function feasibleNodesToFind(numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  const percentage = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE, 50 - Math.trunc(numAllNodes / 125));
  return Math.max(MIN_FEASIBLE_NODES_TO_FIND, Math.trunc((numAllNodes * percentage) / 100));
}

export class PodScheduler {
  private nextStartNodeIndex = 0;
  private readonly filters: readonly FilterPlugin[];
  private readonly scorers: readonly ScorePlugin[];
  private readonly random: () => number;

  constructor(opts: SchedulePodOptions = {}) {
    this.filters = opts.filters ?? DEFAULT_FILTERS;
    this.scorers = opts.scorers ?? DEFAULT_SCORERS;
    this.random = opts.random ?? Math.random;
  }

  schedule(pod: PodInfo, nodes: readonly NodeInfo[]): ScheduleResult {
    if (nodes.length === 0) return { unschedulable: NO_NODES_AVAILABLE };
    const wanted = feasibleNodesToFind(nodes.length);
    const feasible: NodeInfo[] = [];
    const failures: FilterFailure[] = [];
    let visited = 0;
    for (; visited < nodes.length && feasible.length < wanted; visited++) {
      const node = nodes[(this.nextStartNodeIndex + visited) % nodes.length]!;
      const failure = this.firstFailure(pod, node);
      if (failure) failures.push(failure);
      else feasible.push(node);
    }
    this.nextStartNodeIndex = (this.nextStartNodeIndex + visited) % nodes.length;
    if (feasible.length === 0) return { unschedulable: fitErrorMessage(pod.pod, failures, nodes.length) };
    return { nodeName: this.selectHost(pod, feasible), feasibleNodes: feasible.length };
  }

  private firstFailure(pod: PodInfo, node: NodeInfo): FilterFailure | undefined {
    for (const plugin of this.filters) {
      const failure = plugin.filter(pod, node);
      if (failure) return failure;
    }
    return undefined;
  }

  /** The highest total score; ties broken uniformly at random by reservoir sampling, as upstream. */
  private selectHost(pod: PodInfo, feasible: readonly NodeInfo[]): string {
    if (feasible.length === 1) return feasible[0]!.name;
    const totals = new Array<number>(feasible.length).fill(0);
    for (const scorer of this.scorers) {
      scorer.score(pod, feasible).forEach((s, i) => (totals[i]! += s * scorer.weight));
    }
    let best = 0;
    let ties = 1;
    for (let i = 1; i < feasible.length; i++) {
      if (totals[i]! > totals[best]!) {
        best = i;
        ties = 1;
      } else if (totals[i] === totals[best] && this.random() * ++ties < 1) {
        best = i;
      }
    }
    return feasible[best]!.name;
  }
}
