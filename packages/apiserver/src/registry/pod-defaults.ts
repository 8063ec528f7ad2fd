// Pod defaulting: SetDefaults_Pod on top of the shared PodSpec defaults, and the create-time
// values Kubernetes' admission plugins add (ServiceAccount, Priority, DefaultTolerationSeconds)
// and the initial status PrepareForCreate sets. Pod templates get only defaultPodSpec.
import type { Pod, PodSpec } from '@kctl/shared';
import { arrayOf, sectionOf } from './object-access.js';
import { addDefaultNotReadyTolerations } from './default-toleration-seconds.js';
import { computePodQOS } from './pod-qos.js';
import { defaultPodSpec } from './pod-spec-defaults.js';

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

/** A new pod's status is the server's: Pending, with its QoS class fixed for life. */
export function initialPodStatus(pod: Pod): NonNullable<Pod['status']> {
  return { phase: 'Pending', qosClass: computePodQOS(pod.spec) };
}
