// What a pod asks of a node (component-helpers' resource.PodRequests): the app containers' requests
// summed with those of sidecars (restartable init containers), at least the largest need of any
// regular init container (which runs alone, beside the sidecars started before it), plus overhead.
import type { Container, Pod } from '@kctl/shared';
import { addResources, emptyResources, maxResources, resourcesFromMap } from './resource-set.js';
import type { ResourceSet } from './resource-set.js';

/** Kubernetes' non-zero defaults (pkg/scheduler/util.DefaultMilliCPURequest / DefaultMemoryRequest). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export interface PodRequestOptions {
  /** Count containers that request no cpu / memory as asking 100m / 200Mi (used for scoring). */
  nonZero?: boolean;
}

function containerRequests(container: Container, opts: PodRequestOptions): ResourceSet {
  // Requests default to limits at admission; read them the same way for objects that skipped it.
  const requests = { ...(container.resources?.limits ?? {}), ...(container.resources?.requests ?? {}) } as Record<string, string | number>;
  const r = resourcesFromMap(requests);
  if (opts.nonZero) {
    if (requests.cpu === undefined) r.milliCPU = DEFAULT_MILLI_CPU_REQUEST;
    if (requests.memory === undefined) r.memory = DEFAULT_MEMORY_REQUEST;
  }
  return r;
}

export function podRequests(pod: Pod, opts: PodRequestOptions = {}): ResourceSet {
  const total = emptyResources();
  for (const c of pod.spec?.containers ?? []) addResources(total, containerRequests(c, opts));
  const sidecars = emptyResources();
  let initPeak = emptyResources();
  for (const c of pod.spec?.initContainers ?? []) {
    const r = containerRequests(c, opts);
    if (c.restartPolicy === 'Always') {
      addResources(sidecars, r);
      addResources(total, r);
      initPeak = maxResources(initPeak, sidecars);
    } else {
      const alongside = { ...r, scalar: { ...r.scalar } };
      addResources(alongside, sidecars);
      initPeak = maxResources(initPeak, alongside);
    }
  }
  const result = maxResources(total, initPeak);
  if (pod.spec?.overhead) addResources(result, resourcesFromMap(pod.spec.overhead as Record<string, string | number>));
  return result;
}

export interface HostPort {
  hostIP: string;
  protocol: string;
  port: number;
}

/** The host ports a pod's containers claim (hostPort > 0), protocol defaulting to TCP. */
export function podHostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    for (const p of c.ports ?? []) {
      if (p.hostPort && p.hostPort > 0) out.push({ hostIP: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  }
  return out;
}
