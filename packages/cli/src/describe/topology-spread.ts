// describe.go's describeTopologySpreadConstraints, shared by pods and pod templates.
import type { PodSpec } from '@kctl/shared';
import { formatLabelSelector } from './label-format.js';
import type { PrefixWriter } from './prefix-writer.js';
import { LEVEL_0 } from './prefix-writer.js';

type TopologySpreadConstraint = NonNullable<PodSpec['topologySpreadConstraints']>[number];

export function describeTopologySpreadConstraints(constraints: TopologySpreadConstraint[] | undefined, w: PrefixWriter, space: string): void {
  if (!constraints || constraints.length === 0) return;
  const sorted = [...constraints].sort((a, b) => (a.topologyKey < b.topologyKey ? -1 : a.topologyKey > b.topologyKey ? 1 : 0));
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((tsc, i) => {
    if (i !== 0) w.write(LEVEL_0, `${space}\t`);
    const selector = tsc.labelSelector ? ` for selector ${formatLabelSelector(tsc.labelSelector)}` : '';
    w.write(LEVEL_0, `${tsc.topologyKey}:${tsc.whenUnsatisfiable} when max skew ${tsc.maxSkew} is exceeded${selector}\n`);
  });
}
