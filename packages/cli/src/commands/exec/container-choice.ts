// Which container a pod command addresses: -c (looked up among every kind of container), else
// the kubectl.kubernetes.io/default-container annotation, else the first container — with
// kubectl's notice on stderr when that was a choice (podcmd.FindOrDefaultContainerByName).
import type { KubernetesObject } from '@kctl/shared';

export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

export interface ContainerSpec {
  name: string;
  stdin?: boolean;
  tty?: boolean;
}

export interface PodLike extends KubernetesObject {
  spec?: { containers?: ContainerSpec[]; initContainers?: ContainerSpec[]; ephemeralContainers?: ContainerSpec[]; restartPolicy?: string };
  status?: { phase?: string };
}

export function findContainer(pod: PodLike, name: string): ContainerSpec | undefined {
  const spec = pod.spec ?? {};
  return [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])].find((c) => c.name === name);
}

/** "a, b, c (ephem), d (init)" */
export function allContainerNames(pod: PodLike): string {
  const spec = pod.spec ?? {};
  return [
    ...(spec.containers ?? []).map((c) => c.name),
    ...(spec.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
    ...(spec.initContainers ?? []).map((c) => `${c.name} (init)`),
  ].join(', ');
}

export function defaultContainer(pod: PodLike, warn: (line: string) => void): ContainerSpec {
  const name = pod.metadata?.name ?? '';
  const containers = pod.spec?.containers ?? [];
  const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated) {
    const found = findContainer(pod, annotated);
    if (found) return found;
  }
  const first = containers[0];
  if (!first) throw new Error(`pod ${pod.metadata?.namespace ?? ''}/${name} does not have any containers`);
  const spec = pod.spec ?? {};
  if (containers.length > 1 || (spec.initContainers?.length ?? 0) > 0 || (spec.ephemeralContainers?.length ?? 0) > 0) {
    warn(`Defaulted container ${JSON.stringify(first.name)} out of: ${allContainerNames(pod)}`);
  }
  return first;
}

export function findOrDefaultContainer(pod: PodLike, requested: string | undefined, warn: (line: string) => void): ContainerSpec {
  if (!requested) return defaultContainer(pod, warn);
  const found = findContainer(pod, requested);
  if (!found) throw new Error(`container ${requested} not found in pod ${pod.metadata?.name ?? ''}`);
  return found;
}
