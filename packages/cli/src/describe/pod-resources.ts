// A pod's effective requests/limits (kubectl's resourcehelper.PodRequestsAndLimits) and its
// QoS class (kubectl's qos.GetPodQOS), both computed from the spec as kubectl does.
import type { Container, Pod, Quantity } from '@kctl/shared';
import { addQuantities, compareQuantities, parseQuantity, ZERO_QUANTITY } from '@kctl/shared';

export type QuantityMap = Map<string, Quantity>;

function addInto(target: QuantityMap, list: Record<string, string | number> | undefined): void {
  for (const [name, raw] of Object.entries(list ?? {})) {
    const q = parseQuantity(raw);
    if (!q) continue;
    const current = target.get(name);
    target.set(name, current ? addQuantities(current, q) : q);
  }
}

function maxInto(target: QuantityMap, list: QuantityMap): void {
  for (const [name, q] of list) {
    const current = target.get(name);
    if (!current || compareQuantities(q, current) > 0) target.set(name, q);
  }
}

/**
 * Sum of app containers and sidecars (restartable init containers), or the largest one-shot
 * init container plus the sidecars started before it, whichever is larger; then pod overhead.
 */
function effective(pod: Pod, pick: (c: Container) => Record<string, string | number> | undefined): QuantityMap {
  const total: QuantityMap = new Map();
  for (const c of pod.spec?.containers ?? []) addInto(total, pick(c));
  const sidecars: QuantityMap = new Map();
  const initPeak: QuantityMap = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    if (c.restartPolicy === 'Always') {
      addInto(sidecars, pick(c));
      addInto(total, pick(c));
      maxInto(initPeak, sidecars);
    } else {
      const running: QuantityMap = new Map(sidecars);
      addInto(running, pick(c));
      maxInto(initPeak, running);
    }
  }
  maxInto(total, initPeak);
  addInto(total, pod.spec?.overhead as Record<string, string | number> | undefined);
  return total;
}

export function podRequestsAndLimits(pod: Pod): { requests: QuantityMap; limits: QuantityMap } {
  return {
    requests: effective(pod, (c) => c.resources?.requests),
    limits: effective(pod, (c) => c.resources?.limits),
  };
}

const QOS_RESOURCES = new Set(['cpu', 'memory']);

/** qos.GetPodQOS: the class recorded in status, else computed like the kubelet does. */
export function podQosClass(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const requests: QuantityMap = new Map();
  const limits: QuantityMap = new Map();
  let guaranteed = true;
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    for (const [name, raw] of Object.entries(c.resources?.requests ?? {})) {
      const q = parseQuantity(raw);
      if (!QOS_RESOURCES.has(name) || !q || compareQuantities(q, ZERO_QUANTITY) <= 0) continue;
      const current = requests.get(name);
      requests.set(name, current ? addQuantities(current, q) : q);
    }
    const limitsFound = new Set<string>();
    for (const [name, raw] of Object.entries(c.resources?.limits ?? {})) {
      const q = parseQuantity(raw);
      if (!QOS_RESOURCES.has(name) || !q || compareQuantities(q, ZERO_QUANTITY) <= 0) continue;
      limitsFound.add(name);
      const current = limits.get(name);
      limits.set(name, current ? addQuantities(current, q) : q);
    }
    if (!limitsFound.has('cpu') || !limitsFound.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || compareQuantities(lim, req) !== 0) guaranteed = false;
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
