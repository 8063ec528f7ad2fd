// The default profile's scorers that apply to what kctl schedules.
import type { ScorePlugin } from './score-plugin.js';
import { leastAllocated } from './least-allocated.js';
import { balancedAllocation } from './balanced-allocation.js';
import { podTopologySpread } from './pod-topology-spread.js';

export { MAX_NODE_SCORE, type ScorePlugin } from './score-plugin.js';

export const DEFAULT_SCORERS: readonly ScorePlugin[] = [leastAllocated, balancedAllocation, podTopologySpread];
