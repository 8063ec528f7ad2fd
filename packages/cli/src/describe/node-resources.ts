// The pod table and "Allocated resources" of kubectl describe node (describe.go's
// describeNodeResource): per-pod and total requests/limits as a share of allocatable.
import type { Node, Pod, Quantity } from '@kctl/shared';
import { addQuantities, formatQuantity, parseQuantity, quantityMilliValue, quantityValue, ZERO_QUANTITY } from '@kctl/shared';
import type { QuantityMap } from './pod-resources.js';
import { podRequestsAndLimits } from './pod-resources.js';
import type { PrefixWriter } from './prefix-writer.js';
import { LEVEL_0, LEVEL_1 } from './prefix-writer.js';
import { timestampSince } from './time-format.js';

const STANDARD_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const isHugePages = (name: string): boolean => name.startsWith('hugepages-');

/** Go's int64(float64(a)/float64(b)*100): truncated, and 0 when there is nothing to divide by. */
function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.trunc((part / whole) * 100);
}

function get(map: QuantityMap | Map<string, Quantity>, name: string): Quantity {
  return map.get(name) ?? ZERO_QUANTITY;
}

/** "100m (5%)": a quantity and its share of what the node can allocate. */
function share(q: Quantity, allocatable: Quantity, milli: boolean): string {
  const value = milli ? quantityMilliValue : quantityValue;
  return `${formatQuantity(q)} (${percent(value(q), value(allocatable))}%)`;
}

function parseResourceList(list: Record<string, string | number> | undefined): Map<string, Quantity> {
  const parsed = new Map<string, Quantity>();
  for (const [name, raw] of Object.entries(list ?? {})) {
    const q = parseQuantity(raw);
    if (q) parsed.set(name, q);
  }
  return parsed;
}

export function describeNodeResource(pods: Pod[], node: Node, w: PrefixWriter, now: Date): void {
  const allocatableRaw = Object.keys(node.status?.allocatable ?? {}).length > 0 ? node.status?.allocatable : node.status?.capacity;
  const allocatable = parseResourceList(allocatableRaw as Record<string, string | number> | undefined);
  const cpu = get(allocatable, 'cpu');
  const memory = get(allocatable, 'memory');

  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const totalRequests: QuantityMap = new Map();
  const totalLimits: QuantityMap = new Map();
  for (const pod of pods) {
    const { requests, limits } = podRequestsAndLimits(pod);
    accumulate(totalRequests, requests);
    accumulate(totalLimits, limits);
    w.write(
      LEVEL_1,
      `${pod.metadata?.namespace ?? ''}\t${pod.metadata?.name ?? ''}\t\t${share(get(requests, 'cpu'), cpu, true)}\t${share(get(limits, 'cpu'), cpu, true)}\t` +
        `${share(get(requests, 'memory'), memory, false)}\t${share(get(limits, 'memory'), memory, false)}\t${timestampSince(pod.metadata?.creationTimestamp, now)}\n`,
    );
  }

  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  for (const [name, milli] of [['cpu', true], ['memory', false], ['ephemeral-storage', false]] as const) {
    w.write(LEVEL_1, `${name}\t${share(get(totalRequests, name), get(allocatable, name), milli)}\t${share(get(totalLimits, name), get(allocatable, name), milli)}\n`);
  }
  const names = [...allocatable.keys()];
  for (const name of names.filter(isHugePages).sort()) {
    w.write(LEVEL_1, `${name}\t${share(get(totalRequests, name), get(allocatable, name), false)}\t${share(get(totalLimits, name), get(allocatable, name), false)}\n`);
  }
  const extended = names.filter((n) => !STANDARD_RESOURCES.has(n) && !isHugePages(n) && n !== 'pods').sort();
  for (const name of extended) {
    w.write(LEVEL_1, `${name}\t${formatQuantity(get(totalRequests, name))}\t${formatQuantity(get(totalLimits, name))}\n`);
  }
}

/** getPodsTotalRequestsAndLimits: a running sum that keeps the first pod's quantity format. */
function accumulate(total: QuantityMap, add: QuantityMap): void {
  for (const [name, q] of add) {
    const current = total.get(name);
    total.set(name, current ? addQuantities(current, q) : q);
  }
}
