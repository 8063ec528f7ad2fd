// The pod phase from its container statuses: kubelet_pods.go getPhase (regular init containers;
// sidecars, i.e. init containers with restartPolicy Always, are not supported yet).
import type { ContainerStatus, Pod, PodPhase } from './api-types.js';
import { podRestartPolicy } from './api-types.js';

function statusOf(statuses: ContainerStatus[], name: string): ContainerStatus | undefined {
  return statuses.find((s) => s.name === name);
}

/**
 * podIsTerminal: the kubelet has stopped every container for good (the pod was deleted or has
 * finished); since 1.27 such a pod always gets Succeeded or Failed.
 */
export function getPhase(pod: Pod, initStatuses: ContainerStatus[], statuses: ContainerStatus[], podIsTerminal: boolean): PodPhase {
  const restartPolicy = podRestartPolicy(pod);
  let pendingInitialization = 0;
  let failedInitialization = 0;
  for (const container of pod.spec?.initContainers ?? []) {
    const status = statusOf(initStatuses, container.name);
    if (!status) {
      pendingInitialization++;
      continue;
    }
    const state = status.state ?? {};
    if (state.running) pendingInitialization++;
    else if (state.terminated) {
      if (state.terminated.exitCode !== 0) failedInitialization++;
    } else if (state.waiting) {
      const last = status.lastState?.terminated;
      if (last) {
        if (last.exitCode !== 0) failedInitialization++;
      } else pendingInitialization++;
    } else pendingInitialization++;
  }

  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const container of pod.spec?.containers ?? []) {
    const status = statusOf(statuses, container.name);
    if (!status) {
      unknown++;
      continue;
    }
    const state = status.state ?? {};
    if (state.running) running++;
    else if (state.terminated) {
      stopped++;
      if (state.terminated.exitCode === 0) succeeded++;
    } else if (state.waiting) {
      if (status.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }

  if (failedInitialization > 0 && restartPolicy === 'Never') return 'Failed';
  if (pendingInitialization > 0 || waiting > 0) {
    // A deleted pod whose containers never ran still ends in a terminal phase.
    return podIsTerminal ? 'Failed' : 'Pending';
  }
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return podIsTerminal ? 'Failed' : 'Pending';
}
