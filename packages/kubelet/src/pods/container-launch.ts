// From a container spec to what the runtime starts: argv after $(VAR) expansion, the complete
// environment, and the CRI log file of this attempt. The process runtime pulls no images, so a
// container without a command cannot run: that is a CreateContainerConfigError, not a guess.
import { join } from 'node:path';
import type { ContainerLaunch } from '../runtime/container-runtime.js';
import { cgroupResources } from './cgroup-resources.js';
import type { Container, Pod } from '../status/api-types.js';

/** A spec the runtime cannot run as written (the kubelet's CreateContainerConfigError). */
export class ContainerConfigError extends Error {
  override name = 'ContainerConfigError';
}

/** What only the kubelet knows when it starts a container: the pod's and the node's addresses. */
export interface LaunchContext {
  podIp: string;
  podIps: string[];
  hostIp: string;
}

export interface LaunchEnvironment {
  /** defaults (PATH, HOME, HOSTNAME), service env vars, envFrom, then the spec's env with
   * valueFrom resolved and values $(VAR)-expanded; may look sources up (hence the promise) */
  environment(pod: Pod, container: Container, context: LaunchContext): Promise<Record<string, string>> | Record<string, string>;
  /** Kubernetes' $(VAR) expansion of command and args */
  expandCommand(command: string[], args: string[], env: Record<string, string>): string[];
}

/** Where a container instance's log lives: <root>/pods/<ns>_<name>_<uid>/<container>/<attempt>.log, as /var/log/pods. */
export function containerLogPath(rootDir: string, pod: Pod, containerName: string, attempt: number): string {
  const meta = pod.metadata ?? {};
  return join(rootDir, 'pods', `${meta.namespace}_${meta.name}_${meta.uid}`, containerName, `${attempt}.log`);
}

/** The addresses the pod's status already reports, for callers that do not pass their own. */
export function launchContextFromStatus(pod: Pod): LaunchContext {
  const status = pod.status ?? {};
  const podIp = status.podIP ?? '';
  return { podIp, podIps: status.podIPs?.map((ip) => ip.ip ?? '') ?? (podIp ? [podIp] : []), hostIp: status.hostIP ?? '' };
}

export async function buildContainerLaunch(
  rootDir: string,
  env: LaunchEnvironment,
  pod: Pod,
  container: Container,
  attempt: number,
  context: LaunchContext = launchContextFromStatus(pod),
): Promise<ContainerLaunch> {
  if (!container.command?.length) {
    throw new ContainerConfigError(
      `container ${JSON.stringify(container.name)} has no command: the process runtime does not pull images, so spec.containers[].command is required`,
    );
  }
  const environment = await env.environment(pod, container, context);
  return {
    name: container.name,
    argv: env.expandCommand(container.command, container.args ?? [], environment),
    env: environment,
    ...(container.workingDir ? { workingDir: container.workingDir } : {}),
    stdin: container.stdin ?? false,
    tty: container.tty ?? false,
    attempt,
    logPath: containerLogPath(rootDir, pod, container.name, attempt),
    ...cgroupResources(container),
  };
}
