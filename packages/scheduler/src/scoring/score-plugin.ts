// The Score extension point: each plugin rates the feasible nodes 0..100, and the scheduler sums
// the ratings times the plugin's weight (the default profile's weights).
import type { NodeInfo } from '../cache/node-info.js';
import type { PodInfo } from '../cache/pod-info.js';

export const MAX_NODE_SCORE = 100;

export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  /** One score per node, in the order given, already normalized to 0..MAX_NODE_SCORE. */
  score(pod: PodInfo, nodes: readonly NodeInfo[]): number[];
}
