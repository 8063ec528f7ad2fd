// PodTopologySpread with the system default constraints (maxSkew 3 per hostname, 5 per zone,
// ScheduleAnyway), counting the pods that share this pod's controller owner: pods of one
// ReplicaSet or StatefulSet spread across nodes and zones.
import type { NodeInfo } from '../cache/node-info.js';
import type { PodInfo } from '../cache/pod-info.js';
import type { ScorePlugin } from './score-plugin.js';
import { MAX_NODE_SCORE } from './score-plugin.js';

const HOSTNAME_MAX_SKEW = 3;
const ZONE_KEY = 'topology.kubernetes.io/zone';
const ZONE_MAX_SKEW = 5;

function matchingPods(node: NodeInfo, pod: PodInfo): number {
  let count = 0;
  for (const other of node.pods.values()) {
    if (other.controllerUid === pod.controllerUid && !other.pod.metadata?.deletionTimestamp && other.pod.metadata?.namespace === pod.pod.metadata?.namespace) count++;
  }
  return count;
}

// Domains with more values weigh more (podtopologyspread.topologyNormalizingWeight).
const normalizingWeight = (domains: number) => Math.log(domains + 2);

export const podTopologySpread: ScorePlugin = {
  name: 'PodTopologySpread',
  weight: 2,
  score(pod, nodes) {
    // A pod without a controller owner has no default selector: nothing to spread.
    if (!pod.controllerUid) return nodes.map(() => MAX_NODE_SCORE);
    const perNode = nodes.map((n) => matchingPods(n, pod));
    const perZone = new Map<string, number>();
    nodes.forEach((n, i) => {
      const zone = n.node?.metadata?.labels?.[ZONE_KEY];
      if (zone !== undefined) perZone.set(zone, (perZone.get(zone) ?? 0) + (perNode[i] ?? 0));
    });
    const hostWeight = normalizingWeight(nodes.length);
    const zoneWeight = normalizingWeight(perZone.size);
    const raw = nodes.map((n, i) => {
      let s = (perNode[i] ?? 0) * hostWeight + (HOSTNAME_MAX_SKEW - 1);
      const zone = n.node?.metadata?.labels?.[ZONE_KEY];
      if (zone !== undefined) s += (perZone.get(zone) ?? 0) * zoneWeight + (ZONE_MAX_SKEW - 1);
      return Math.round(s);
    });
    const max = Math.max(...raw);
    const min = Math.min(...raw);
    // Fewer matching pods → higher score (NormalizeScore).
    return raw.map((s) => (max === 0 ? MAX_NODE_SCORE : Math.trunc((MAX_NODE_SCORE * (max + min - s)) / max)));
  },
};
