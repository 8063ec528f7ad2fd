// The whole status the kubelet reports for a pod: kubelet_pods.go generateAPIPodStatus.
// hostIP is the node's; podIP is the pod's own once its sandbox exists (the node's for
// hostNetwork pods), and absent before that, as Kubernetes reports it.
import { metaTime } from '@kctl/shared';
import type { ContainerInstance, ContainerInstances } from '../pods/container-instances.js';
import type { Container, Pod, PodStatus } from './api-types.js';
import { containerStatus } from './container-statuses.js';
import type { WaitingReason } from './container-statuses.js';
import { generatePodConditions } from './pod-conditions.js';
import { getPhase } from './pod-phase.js';

/** Probe results as the status needs them (prober manager UpdatePodStatus). */
export interface ProbeView {
  /** no startup probe, or it succeeded for this instance */
  isStarted(containerName: string, instanceId: string | undefined): boolean;
  /** no readiness probe, or its latest result is success for this instance */
  isReady(containerName: string, instanceId: string | undefined): boolean;
}

export interface PodStatusInputs {
  pod: Pod;
  instances: ContainerInstances;
  waitingReasons: ReadonlyMap<string, WaitingReason>;
  probes: ProbeView;
  runtimeName: string;
  nodeIp: string;
  /** the pod's IP once its sandbox (network namespace, volumes) is set up */
  podIp?: string;
  /** the sandbox exists and still runs (PodReadyToStartContainers) */
  sandboxReady: boolean;
  /** when the kubelet first saw the pod */
  startTime: number;
  /** every container stopped for good (deleted or finished pod) */
  terminal: boolean;
  now: number;
}

const isRunning = (i: ContainerInstance | undefined): boolean => i?.state.status === 'running';

export function generatePodStatus(input: PodStatusInputs): PodStatus {
  const { pod, probes } = input;
  const hasInit = (pod.spec?.initContainers?.length ?? 0) > 0;
  const common = {
    runtimeName: input.runtimeName,
    instances: input.instances,
    defaultWaiting: hasInit ? 'PodInitializing' : 'ContainerCreating',
    waitingReasons: input.waitingReasons,
  };
  const initStatuses = (pod.spec?.initContainers ?? []).map((c: Container) =>
    containerStatus(c, {
      ...common,
      // A regular init container is "ready" once it has completed successfully.
      isReady: (_c, i) => i?.state.status === 'exited' && i.state.exitCode === 0 && !i.startFailure,
      isStarted: (_c, i) => isRunning(i),
    }),
  );
  const statuses = (pod.spec?.containers ?? []).map((c: Container) =>
    containerStatus(c, {
      ...common,
      isStarted: (container, i) => isRunning(i) && probes.isStarted(container.name, i?.id),
      isReady: (container, i) => isRunning(i) && probes.isStarted(container.name, i?.id) && probes.isReady(container.name, i?.id),
    }),
  );
  const phase = getPhase(pod, initStatuses, statuses, input.terminal);
  const old = pod.status ?? {};
  const conditions = generatePodConditions({
    pod,
    initStatuses,
    statuses,
    phase,
    sandboxReady: input.sandboxReady && !input.terminal,
    previous: old.conditions ?? [],
    now: metaTime(input.now),
  });
  const hostIp = input.nodeIp;
  const podIp = input.podIp ?? old.podIP;
  return {
    phase,
    conditions,
    hostIP: hostIp,
    hostIPs: [{ ip: hostIp }],
    ...(podIp ? { podIP: podIp, podIPs: [{ ip: podIp }] } : {}),
    startTime: old.startTime ?? metaTime(input.startTime),
    ...(hasInit ? { initContainerStatuses: initStatuses } : {}),
    containerStatuses: statuses,
    ...(old.qosClass ? { qosClass: old.qosClass } : {}),
  };
}
