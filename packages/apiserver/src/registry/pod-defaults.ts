// Pod defaulting: SetDefaults_Pod on top of the shared PodSpec defaults, and the create-time
// values Kubernetes' admission plugins add (ServiceAccount, Priority, DefaultTolerationSeconds)
// and the initial status PrepareForCreate sets. Pod templates get only defaultPodSpec.
import type { Pod, PodSpec } from '@kctl/shared';
import { arrayOf, sectionOf } from './object-access.js';
import { computePodQOS } from './pod-qos.js';
import { defaultPodSpec } from './pod-spec-defaults.js';

/** Seconds a pod stays bound to a NotReady/unreachable node before eviction. */
export const DEFAULT_NOT_READY_TOLERATION_SECONDS = 300;

/** Priorities of the built-in PriorityClasses; any other class name is left for a later issue. */
const SYSTEM_PRIORITIES: Record<string, number> = {
  'system-cluster-critical': 2000000000,
  'system-node-critical': 2000001000,
};

export function defaultPod(pod: Pod): void {
  const spec = sectionOf(pod as unknown as Record<string, unknown>, 'spec') as unknown as PodSpec;
  defaultPodSpec(spec);
  // Only for Pods (not templates): a container that sets limits but no requests asks for its limits.
  for (const container of [...arrayOf(spec.containers), ...arrayOf(spec.initContainers)]) {
    const limits = container.resources?.limits;
    if (!limits || Object.keys(limits).length === 0) continue;
    const resources = (container.resources ??= {});
    resources.requests = { ...limits, ...resources.requests };
  }
  spec.enableServiceLinks ??= true;
  // A host-network pod's ports are the host's ports.
  if (spec.hostNetwork) {
    for (const container of [...arrayOf(spec.containers), ...arrayOf(spec.initContainers)]) {
      for (const port of arrayOf(container.ports)) port.hostPort ||= port.containerPort;
    }
  }
}

/** What the API server's admission chain adds to a new Pod. */
export function admitNewPod(pod: Pod): void {
  const spec = sectionOf(pod as unknown as Record<string, unknown>, 'spec') as unknown as PodSpec;
  // ServiceAccount admission: every pod runs as some service account.
  spec.serviceAccountName ||= 'default';
  spec.serviceAccount = spec.serviceAccountName;
  // Priority admission: without a class, the global default priority (0) applies.
  if (spec.priority === undefined) {
    const className = spec.priorityClassName;
    const priority = className ? SYSTEM_PRIORITIES[className] : 0;
    if (priority !== undefined) spec.priority = priority;
  }
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  addDefaultNotReadyTolerations(spec);
}

/** DefaultTolerationSeconds admission: evict five minutes after the node goes NotReady/unreachable. */
function addDefaultNotReadyTolerations(spec: PodSpec): void {
  const tolerations = (spec.tolerations ??= []);
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    // An empty key tolerates every taint key, as in the admission plugin.
    const tolerated = tolerations.some((t) => (!t.key || t.key === key) && (!t.effect || t.effect === 'NoExecute'));
    if (!tolerated) {
      tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_NOT_READY_TOLERATION_SECONDS });
    }
  }
}

/** A new pod's status is the server's: Pending, with its QoS class fixed for life. */
export function initialPodStatus(pod: Pod): NonNullable<Pod['status']> {
  return { phase: 'Pending', qosClass: computePodQOS(pod.spec) };
}
