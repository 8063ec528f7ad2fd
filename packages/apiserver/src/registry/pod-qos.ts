// The Pod QoS class, computed once at creation like Kubernetes' ComputePodQOS
// (pkg/apis/core/helper/qos): only cpu and memory count, zero amounts are ignored, and a pod is
// Guaranteed only when every container sets both limits and all requests equal the limits.
import { parseQuantity, type PodSpec } from '@kctl/shared';

export type PodQOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const QOS_RESOURCES = ['cpu', 'memory'] as const;

type ResourceList = Record<string, string | number> | undefined;

export function computePodQOS(spec: PodSpec | undefined): PodQOSClass {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  const containers = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
  for (const container of containers) {
    const resources = container.resources as { requests?: ResourceList; limits?: ResourceList } | undefined;
    addPositive(requests, resources?.requests);
    const limitsFound = addPositive(limits, resources?.limits);
    if (!QOS_RESOURCES.every((name) => limitsFound.has(name))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, request] of requests) {
      if (limits.get(name) !== request) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/** Adds the positive cpu/memory amounts into totals; returns the resource names it saw. */
function addPositive(totals: Map<string, bigint>, list: ResourceList): Set<string> {
  const seen = new Set<string>();
  for (const name of QOS_RESOURCES) {
    const raw = list?.[name];
    if (raw === undefined) continue;
    const amount = parseQuantity(raw)?.nanos;
    if (amount === undefined || amount <= 0n) continue;
    seen.add(name);
    totals.set(name, (totals.get(name) ?? 0n) + amount);
  }
  return seen;
}
