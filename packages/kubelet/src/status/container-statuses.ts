// containerStatuses / initContainerStatuses from the kubelet's container instances:
// kubelet_pods.go convertToAPIContainerStatuses. The latest instance gives state, the one before
// it lastState; a container that failed to (re)start shows the failure reason as waiting
// (CrashLoopBackOff, CreateContainerConfigError, RunContainerError) with its last termination
// moved to lastState. Terminated reasons follow containerd's CRI: Completed, Error, OOMKilled,
// StartError with exit code 128.
import { metaTime } from '@kctl/shared';
import type { ContainerInstance, ContainerInstances } from '../pods/container-instances.js';
import type { Container, ContainerStateApi, ContainerStatus, TerminatedState } from './api-types.js';

export interface WaitingReason {
  reason: string;
  message?: string;
}

/** metav1.Time has second precision. */
function apiTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : metaTime(ms);
}

export function containerIdOf(runtimeName: string, instance: ContainerInstance | undefined): string | undefined {
  return instance?.id ? `${runtimeName}://${instance.id}` : undefined;
}

function terminated(runtimeName: string, instance: ContainerInstance): TerminatedState | undefined {
  const state = instance.state;
  if (state.status !== 'exited') return undefined;
  const reason = instance.startFailure?.reason ?? (state.oomKilled ? 'OOMKilled' : state.exitCode === 0 ? 'Completed' : 'Error');
  const containerID = containerIdOf(runtimeName, instance);
  return {
    exitCode: state.exitCode,
    reason,
    ...(instance.startFailure ? { message: instance.startFailure.message } : {}),
    startedAt: apiTime(state.startedAt),
    finishedAt: apiTime(state.finishedAt),
    ...(containerID ? { containerID } : {}),
  };
}

function stateOf(runtimeName: string, instance: ContainerInstance | undefined, defaultWaiting: string): ContainerStateApi {
  if (!instance) return { waiting: { reason: defaultWaiting } };
  if (instance.state.status === 'running') return { running: { startedAt: apiTime(instance.state.startedAt) } };
  const term = terminated(runtimeName, instance);
  // The runtime lost track of it ('unknown'): Kubernetes reports such containers as waiting.
  return term ? { terminated: term } : { waiting: { reason: defaultWaiting } };
}

export interface ContainerStatusInputs {
  runtimeName: string;
  instances: ContainerInstances;
  /** ContainerCreating, or PodInitializing when the pod has init containers */
  defaultWaiting: string;
  /** why the container is not running although it should (kubelet's reasonCache) */
  waitingReasons: ReadonlyMap<string, WaitingReason>;
  isReady(container: Container, instance: ContainerInstance | undefined): boolean;
  isStarted(container: Container, instance: ContainerInstance | undefined): boolean;
}

export function containerStatus(container: Container, input: ContainerStatusInputs): ContainerStatus {
  const latest = input.instances.latest(container.name);
  const previous = input.instances.previous(container.name);
  let state = stateOf(input.runtimeName, latest, input.defaultWaiting);
  let lastTerminated = previous ? terminated(input.runtimeName, previous) : undefined;
  const waiting = input.waitingReasons.get(container.name);
  if (waiting && !state.running) {
    if (state.terminated) lastTerminated = state.terminated;
    state = { waiting: { reason: waiting.reason, ...(waiting.message ? { message: waiting.message } : {}) } };
  }
  const containerID = latest && state.running ? containerIdOf(input.runtimeName, latest) : state.terminated?.containerID;
  return {
    name: container.name,
    state,
    lastState: lastTerminated ? { terminated: lastTerminated } : {},
    ready: input.isReady(container, latest),
    restartCount: latest?.attempt ?? 0,
    image: container.image ?? '',
    imageID: '',
    ...(containerID ? { containerID } : {}),
    started: input.isStarted(container, latest),
  };
}
