// The Node this kubelet registers and keeps current (kubelet_node_status.go initialNode and the
// nodestatus setters). Allocatable is capacity minus the kubelet's default hard eviction
// thresholds — memory.available<100Mi and nodefs.available<10% — with no kube/system
// reservations, which is what a kubelet with default flags reports.
import { formatQuantity, parseQuantity } from '@kctl/shared';
import type { Node } from '@kctl/shared';
import type { MachineInfo } from './machine-info.js';

export const KUBELET_VERSION = 'v1.32.0-kctl';
export const CONTAINER_RUNTIME_VERSION = 'process://0.1.0';
const EVICTION_HARD_MEMORY_BYTES = 100 * 1024 * 1024;

export interface NodeSettings {
  nodeName: string;
  nodeIp: string;
  kubeletPort: number;
  /** overrides of the machine's figures (quantities, e.g. "4" and "8Gi") */
  cpu?: string;
  memory?: string;
  maxPods: number;
  /** this node's slice of the cluster's pod IPs (spec.podCIDR) */
  podCidr?: string;
  /** set when pods run on the host's network although the node was asked for a pod network:
   * published as annotations so `kubectl describe node` shows why */
  hostNetworkFallback?: string;
}

/** Annotations telling which pod network this node gives its pods. */
export const POD_NETWORK_ANNOTATION = 'kctl.io/pod-network';
export const POD_NETWORK_REASON_ANNOTATION = 'kctl.io/pod-network-fallback-reason';

type NodeStatus = NonNullable<Node['status']>;
type NodeCondition = NonNullable<NodeStatus['conditions']>[number];

function bytesOf(raw: string | undefined, fallback: number): number {
  const q = raw === undefined ? undefined : parseQuantity(raw);
  return q ? Number(q.nanos / 1_000_000_000n) : fallback;
}

/** Memory as the kubelet prints it: whole KiB. */
const kib = (bytes: number) => `${Math.floor(bytes / 1024)}Ki`;

export function nodeResources(machine: MachineInfo, settings: NodeSettings): Pick<NodeStatus, 'capacity' | 'allocatable'> {
  const cpu = settings.cpu ? formatQuantity(parseQuantity(settings.cpu)!) : String(machine.cpus);
  const memory = bytesOf(settings.memory, machine.memoryBytes);
  const capacity: Record<string, string> = { cpu, memory: kib(memory), pods: String(settings.maxPods) };
  const allocatable: Record<string, string> = { cpu, memory: kib(Math.max(0, memory - EVICTION_HARD_MEMORY_BYTES)), pods: String(settings.maxPods) };
  if (machine.diskBytes > 0) {
    capacity['ephemeral-storage'] = kib(machine.diskBytes);
    allocatable['ephemeral-storage'] = String(Math.floor(machine.diskBytes * 0.9));
  }
  return { capacity, allocatable };
}

/** The kubelet's four standard conditions, healthy, with their own reasons and messages. */
export function healthyConditions(now: string, previous: NodeCondition[] = []): NodeCondition[] {
  const wanted: Array<Omit<NodeCondition, 'lastHeartbeatTime' | 'lastTransitionTime'>> = [
    { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
    { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
    { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
    { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
  ];
  return wanted.map((c) => {
    const old = previous.find((p) => p.type === c.type);
    const lastTransitionTime = old?.status === c.status && old.lastTransitionTime ? old.lastTransitionTime : now;
    return { ...c, lastHeartbeatTime: now, lastTransitionTime } as NodeCondition;
  });
}

export function nodeStatus(machine: MachineInfo, settings: NodeSettings, now: string, previous?: NodeStatus): NodeStatus {
  return {
    ...nodeResources(machine, settings),
    conditions: healthyConditions(now, previous?.conditions),
    addresses: [
      { type: 'InternalIP', address: settings.nodeIp },
      { type: 'Hostname', address: machine.hostname },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: settings.kubeletPort } },
    nodeInfo: {
      machineID: machine.machineID,
      systemUUID: machine.systemUUID,
      bootID: machine.bootID,
      kernelVersion: machine.kernelVersion,
      osImage: machine.osImage,
      containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
      kubeletVersion: KUBELET_VERSION,
      kubeProxyVersion: '',
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
  };
}

export function newNode(machine: MachineInfo, settings: NodeSettings, now: string): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: settings.nodeName,
      labels: {
        'kubernetes.io/hostname': settings.nodeName,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'beta.kubernetes.io/arch': 'amd64',
      },
      annotations: {
        [POD_NETWORK_ANNOTATION]: settings.podCidr && !settings.hostNetworkFallback ? 'bridge' : 'host',
        ...(settings.hostNetworkFallback ? { [POD_NETWORK_REASON_ANNOTATION]: settings.hostNetworkFallback } : {}),
      },
    },
    spec: settings.podCidr ? { podCIDR: settings.podCidr, podCIDRs: [settings.podCidr] } : {},
    status: nodeStatus(machine, settings, now),
  };
}
