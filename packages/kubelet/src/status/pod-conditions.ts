// Pod conditions as the kubelet computes them: pkg/kubelet/status/generate.go
// (GenerateContainersReadyCondition, GeneratePodReadyCondition, GeneratePodInitializedCondition,
// GeneratePodReadyToStartContainersCondition), plus the PodScheduled=True the kubelet asserts,
// in the order kubelet_pods.go generateAPIPodStatus appends them. lastTransitionTime moves only
// when a condition's status changes (status_manager.go updateLastTransitionTime).
import type { ContainerStatus, Pod, PodCondition, PodPhase } from './api-types.js';

type ConditionStatus = 'True' | 'False' | 'Unknown';

interface Computed {
  type: string;
  status: ConditionStatus;
  reason?: string;
  message?: string;
}

/** Go's %s of a []string: [a b c]. */
function goList(names: string[]): string {
  return `[${names.join(' ')}]`;
}

function containersReady(pod: Pod, statuses: ContainerStatus[], phase: PodPhase): Computed {
  const type = 'ContainersReady';
  const unknown: string[] = [];
  const unready: string[] = [];
  for (const container of pod.spec?.containers ?? []) {
    const status = statuses.find((s) => s.name === container.name);
    if (!status) unknown.push(container.name);
    else if (!status.ready) unready.push(container.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return { type, status: 'False', reason: 'PodCompleted' };
  // A failed pod's containers may still be terminating: never report them ready.
  if (phase === 'Failed') return { type, status: 'False', reason: 'PodFailed' };
  const messages: string[] = [];
  if (unknown.length) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (unready.length) messages.push(`containers with unready status: ${goList(unready)}`);
  if (messages.length) return { type, status: 'False', reason: 'ContainersNotReady', message: messages.join(', ') };
  return { type, status: 'True' };
}

function podReady(pod: Pod, conditions: PodCondition[], ready: Computed): Computed {
  if (ready.status !== 'True') return { ...ready, type: 'Ready' };
  const messages: string[] = [];
  for (const gate of pod.spec?.readinessGates ?? []) {
    const condition = conditions.find((c) => c.type === gate.conditionType);
    if (!condition) messages.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (condition.status !== 'True') {
      messages.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${condition.status}`);
    }
  }
  if (messages.length) return { type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', message: messages.join(', ') };
  return { type: 'Ready', status: 'True' };
}

function initialized(pod: Pod, initStatuses: ContainerStatus[], statuses: ContainerStatus[], phase: PodPhase): Computed {
  const type = 'Initialized';
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const container of pod.spec?.initContainers ?? []) {
    const status = initStatuses.find((s) => s.name === container.name);
    if (!status) unknown.push(container.name);
    else if (!status.ready) incomplete.push(container.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return { type, status: 'True', reason: 'PodCompleted' };
  // HasAnyRegularContainerStarted: the pod was initialised before, whatever init containers say now.
  if (statuses.some((s) => s.state?.running || s.state?.terminated || s.lastState?.terminated)) return { type, status: 'True' };
  const messages: string[] = [];
  if (unknown.length) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (incomplete.length) messages.push(`containers with incomplete status: ${goList(incomplete)}`);
  if (messages.length) return { type, status: 'False', reason: 'ContainersNotInitialized', message: messages.join(', ') };
  return { type, status: 'True' };
}

export interface ConditionInputs {
  pod: Pod;
  initStatuses: ContainerStatus[];
  statuses: ContainerStatus[];
  phase: PodPhase;
  /** the pod's "sandbox" exists: false before the first sync and once the pod is terminal */
  sandboxReady: boolean;
  /** conditions currently on the pod (readiness gates, transition times) */
  previous: PodCondition[];
  now: string;
}

export function generatePodConditions(input: ConditionInputs): PodCondition[] {
  const { pod, previous } = input;
  const ready = containersReady(pod, input.statuses, input.phase);
  const computed: Computed[] = [
    { type: 'PodReadyToStartContainers', status: input.sandboxReady ? 'True' : 'False' },
    initialized(pod, input.initStatuses, input.statuses, input.phase),
    podReady(pod, previous, ready),
    ready,
    { type: 'PodScheduled', status: 'True' },
  ];
  const ours = new Set(computed.map((c) => c.type));
  const conditions: PodCondition[] = computed.map((c) => {
    const old = previous.find((p) => p.type === c.type);
    const lastTransitionTime = old && old.status === c.status && old.lastTransitionTime ? old.lastTransitionTime : input.now;
    return {
      type: c.type,
      status: c.status,
      ...(c.reason ? { reason: c.reason } : {}),
      ...(c.message ? { message: c.message } : {}),
      lastProbeTime: null,
      lastTransitionTime,
    } as unknown as PodCondition;
  });
  // Conditions others own (readiness gates, DisruptionTarget) are kept as they are.
  return [...conditions, ...previous.filter((p) => !ours.has(p.type))];
}
