// The kubelet side of `logs` and `exec`: which container instance a request means, or the
// kubelet's own error (kubelet_pods.go validateContainerLogStatus; the container-name checks of
// the API server's pod log/exec REST), read from the status this kubelet last reported.
import type { ContainerLookup } from './server/streaming-backend.js';
import type { PodWorkers } from './pods/pod-workers.js';
import type { ContainerInstance } from './pods/container-instances.js';
import type { ContainerStatus } from './status/api-types.js';

const fail = (code: number, reason: string, message: string): ContainerLookup => ({ ok: false, code, reason, message });

function chooseContainer(podName: string, names: string[], initNames: string[], requested: string | undefined): string | ContainerLookup {
  if (requested) {
    if ([...names, ...initNames].includes(requested)) return requested;
    return fail(400, 'BadRequest', `container ${requested} is not valid for pod ${podName}`);
  }
  if (names.length === 1 && names[0]) return names[0];
  const init = initNames.length ? ` or one of the init containers: [${initNames.join(' ')}]` : '';
  return fail(400, 'BadRequest', `a container name must be specified for pod ${podName}, choose one of: [${names.join(' ')}]${init}`);
}

export function findPodContainer(
  workers: PodWorkers,
  namespace: string,
  podName: string,
  requested: string | undefined,
  opts: { previous?: boolean },
): ContainerLookup {
  const worker = workers.findByName(namespace, podName);
  if (!worker) return fail(404, 'NotFound', `pods "${podName}" not found`);
  const pod = worker.current;
  const name = chooseContainer(
    podName,
    (pod.spec?.containers ?? []).map((c) => c.name),
    (pod.spec?.initContainers ?? []).map((c) => c.name),
    requested,
  );
  if (typeof name !== 'string') return name;
  const podStatus = worker.reportedStatus ?? worker.podSync.status(pod);
  const status = [...(podStatus.containerStatuses ?? []), ...(podStatus.initContainerStatuses ?? [])].find((s) => s.name === name);
  const instances = worker.podSync.instances;
  const found = (instance: ContainerInstance | undefined): ContainerLookup =>
    instance
      ? {
          ok: true,
          podUid: pod.metadata?.uid ?? '',
          containerName: name,
          ...(instance.id ? { containerId: instance.id } : {}),
          logPath: instance.logPath,
          running: instance.state.status === 'running',
        }
      : fail(400, 'BadRequest', `container "${name}" in pod "${podName}" is waiting to start - no logs yet`);
  return lookupByState(status, name, podName, opts.previous ?? false, instances.latest(name), instances.previous(name), found);
}

function lookupByState(
  status: ContainerStatus | undefined,
  name: string,
  podName: string,
  previous: boolean,
  latest: ContainerInstance | undefined,
  before: ContainerInstance | undefined,
  found: (instance: ContainerInstance | undefined) => ContainerLookup,
): ContainerLookup {
  const state = status?.state ?? {};
  const lastTerminated = status?.lastState?.terminated;
  // When a waiting container's last run is shown as lastState, that run is the latest instance.
  const lastRun = state.waiting ? latest : before;
  if (previous) {
    if (!lastTerminated) return fail(400, 'BadRequest', `previous terminated container "${name}" in pod "${podName}" not found`);
    return found(lastRun);
  }
  if (state.running || state.terminated) return found(latest);
  if (lastTerminated) return found(lastRun);
  if (state.waiting) return fail(400, 'BadRequest', `container "${name}" in pod "${podName}" is waiting to start: ${state.waiting.reason ?? ''}`);
  return fail(400, 'BadRequest', `container "${name}" in pod "${podName}" is waiting to start - no logs yet`);
}
