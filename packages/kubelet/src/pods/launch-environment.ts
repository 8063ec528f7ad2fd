// The LaunchEnvironment the kubelet uses: the runtime folder's environment rules, with env
// entries' valueFrom.fieldRef resolved from the pod (the downward API fields a process can use).
// configMapKeyRef / secretKeyRef / resourceFieldRef are not resolved yet and leave the var empty.
import { buildContainerEnvironment, expandCommand } from '../runtime/container-environment.js';
import type { Container, Pod } from '../status/api-types.js';
import type { LaunchEnvironment } from './container-launch.js';

function fieldValue(pod: Pod, nodeIp: string, path: string): string | undefined {
  const meta = pod.metadata ?? {};
  const annotation = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (annotation) return (annotation[1] === 'labels' ? meta.labels : meta.annotations)?.[annotation[2] ?? ''];
  const fields: Record<string, string | undefined> = {
    'metadata.name': meta.name,
    'metadata.namespace': meta.namespace,
    'metadata.uid': meta.uid,
    'spec.nodeName': pod.spec?.nodeName,
    'spec.serviceAccountName': pod.spec?.serviceAccountName,
    'status.hostIP': nodeIp,
    'status.podIP': nodeIp,
  };
  return fields[path];
}

export function launchEnvironment(nodeIp: string): LaunchEnvironment {
  return {
    environment: (pod: Pod, container: Container) =>
      buildContainerEnvironment({
        podName: pod.metadata?.name ?? '',
        env: (container.env ?? []).map((e) => {
          const path = e.valueFrom?.fieldRef?.fieldPath;
          const value = e.value ?? (path ? fieldValue(pod, nodeIp, path) : undefined);
          return { name: e.name, ...(value !== undefined ? { value } : {}) };
        }),
      }),
    expandCommand,
  };
}
