// The kubelet's settings: command-line flags with Kubernetes' defaults. Every duration can be
// shortened so tests and benchmarks exercise the real logic in seconds.
import { parseArgs } from 'node:util';

export interface KubeletConfig {
  kubeconfig?: string;
  nodeName: string;
  /** port of the kubelet's HTTP server (logs, exec); 0 picks a free one */
  port: number;
  rootDir: string;
  nodeIp: string;
  runtime: 'process' | 'fake';
  /** nodeStatusUpdateFrequency (10 s); the Lease is renewed at the same period */
  nodeStatusUpdateMs: number;
  /** nodeLeaseDurationSeconds (40) */
  leaseDurationSeconds: number;
  /** CrashLoopBackOff: first delay (10 s), cap (5 min), and how long a run must last to reset it (10 min) */
  backoffBaseMs: number;
  backoffMaxMs: number;
  backoffResetMs: number;
  /** capacity overrides; the machine's own figures otherwise */
  cpu?: string;
  memory?: string;
  maxPods: number;
  logLevel: string;
  /** stop every container under rootDir and exit (what `kctl cluster down` runs) */
  stopAllContainers: boolean;
  /** grace given to each container by --stop-all-containers (terminationGracePeriodSeconds' default) */
  stopGraceSeconds: number;
  /** auto: a network namespace per pod on the cluster bridge when this node may create them, else
   * the host's network (reported on the Node and on each pod); bridge: required; host: always */
  podNetwork: 'auto' | 'bridge' | 'host';
  /** the cluster's bridge, shared by every node of the cluster (clusterNetwork() in shared) */
  bridgeName?: string;
  /** all pod IPs of the cluster (on-link on the bridge) and this node's slice of it */
  clusterCidr?: string;
  podCidr?: string;
  /** the cluster DNS server for pods' resolv.conf (dnsPolicy ClusterFirst), and its domain */
  clusterDns?: string;
  clusterDomain: string;
  /** host directories containers must not see (hidden under an empty tmpfs), e.g. the data dir */
  hidePaths: string[];
  /** pids.max for every container (--pod-max-pids; -1: unlimited) */
  podMaxPids: number;
}

export const KUBELET_DEFAULTS = {
  port: 10250,
  nodeIp: '127.0.0.1',
  nodeStatusUpdateSeconds: 10,
  leaseDurationSeconds: 40,
  backoffBaseMs: 10_000,
  backoffMaxMs: 300_000,
  backoffResetMs: 600_000,
  maxPods: 110,
  stopGraceSeconds: 30,
  clusterDomain: 'cluster.local',
} as const;

function positiveNumber(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`invalid value "${raw}" for flag --${flag}: must be a non-negative number`);
  return value;
}

export function parseKubeletFlags(argv: string[]): KubeletConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      kubeconfig: { type: 'string' },
      'node-name': { type: 'string' },
      port: { type: 'string' },
      'root-dir': { type: 'string' },
      'node-ip': { type: 'string' },
      runtime: { type: 'string', default: 'process' },
      'node-status-update-seconds': { type: 'string' },
      'lease-duration-seconds': { type: 'string' },
      'backoff-base-ms': { type: 'string' },
      'backoff-max-ms': { type: 'string' },
      'backoff-reset-ms': { type: 'string' },
      cpu: { type: 'string' },
      memory: { type: 'string' },
      'max-pods': { type: 'string' },
      'log-level': { type: 'string', default: 'info' },
      'stop-all-containers': { type: 'boolean', default: false },
      'stop-grace-seconds': { type: 'string' },
      'pod-network': { type: 'string', default: 'auto' },
      'bridge-name': { type: 'string' },
      'cluster-cidr': { type: 'string' },
      'pod-cidr': { type: 'string' },
      'cluster-dns': { type: 'string' },
      'cluster-domain': { type: 'string' },
      'hide-path': { type: 'string', multiple: true },
      'pod-max-pids': { type: 'string' },
    },
  });
  const podNetwork = values['pod-network'];
  if (podNetwork !== 'auto' && podNetwork !== 'bridge' && podNetwork !== 'host') {
    throw new Error(`invalid value "${podNetwork}" for flag --pod-network: must be auto, bridge or host`);
  }
  const bridgeFlags = [values['bridge-name'], values['cluster-cidr'], values['pod-cidr']];
  if (podNetwork === 'bridge' && bridgeFlags.some((v) => !v)) throw new Error('--pod-network=bridge needs --bridge-name, --cluster-cidr and --pod-cidr');
  const podMaxPids = Number(values['pod-max-pids'] ?? -1);
  if (!Number.isInteger(podMaxPids) || podMaxPids < -1 || podMaxPids === 0) throw new Error(`invalid value "${values['pod-max-pids']}" for flag --pod-max-pids: must be -1 or a positive integer`);
  const runtime = values.runtime;
  if (runtime !== 'process' && runtime !== 'fake') throw new Error(`invalid value "${runtime}" for flag --runtime: must be process or fake`);
  const rootDir = values['root-dir'];
  if (!rootDir) throw new Error('--root-dir is required');
  const nodeName = values['node-name'];
  if (!nodeName && !values['stop-all-containers']) throw new Error('--node-name is required');
  return {
    ...(values.kubeconfig ? { kubeconfig: values.kubeconfig } : {}),
    nodeName: nodeName ?? '',
    port: positiveNumber('port', values.port, KUBELET_DEFAULTS.port),
    rootDir,
    nodeIp: values['node-ip'] ?? KUBELET_DEFAULTS.nodeIp,
    runtime,
    nodeStatusUpdateMs: 1000 * positiveNumber('node-status-update-seconds', values['node-status-update-seconds'], KUBELET_DEFAULTS.nodeStatusUpdateSeconds),
    leaseDurationSeconds: positiveNumber('lease-duration-seconds', values['lease-duration-seconds'], KUBELET_DEFAULTS.leaseDurationSeconds),
    backoffBaseMs: positiveNumber('backoff-base-ms', values['backoff-base-ms'], KUBELET_DEFAULTS.backoffBaseMs),
    backoffMaxMs: positiveNumber('backoff-max-ms', values['backoff-max-ms'], KUBELET_DEFAULTS.backoffMaxMs),
    backoffResetMs: positiveNumber('backoff-reset-ms', values['backoff-reset-ms'], KUBELET_DEFAULTS.backoffResetMs),
    ...(values.cpu ? { cpu: values.cpu } : {}),
    ...(values.memory ? { memory: values.memory } : {}),
    maxPods: positiveNumber('max-pods', values['max-pods'], KUBELET_DEFAULTS.maxPods),
    logLevel: values['log-level'] ?? 'info',
    stopAllContainers: values['stop-all-containers'] ?? false,
    stopGraceSeconds: positiveNumber('stop-grace-seconds', values['stop-grace-seconds'], KUBELET_DEFAULTS.stopGraceSeconds),
    // Without a bridge to join there is no pod network to make: auto means host then.
    podNetwork: podNetwork === 'auto' && bridgeFlags.some((v) => !v) ? 'host' : podNetwork,
    ...(values['bridge-name'] ? { bridgeName: values['bridge-name'] } : {}),
    ...(values['cluster-cidr'] ? { clusterCidr: values['cluster-cidr'] } : {}),
    ...(values['pod-cidr'] ? { podCidr: values['pod-cidr'] } : {}),
    ...(values['cluster-dns'] ? { clusterDns: values['cluster-dns'] } : {}),
    clusterDomain: values['cluster-domain'] ?? KUBELET_DEFAULTS.clusterDomain,
    hidePaths: values['hide-path'] ?? [],
    podMaxPids,
  };
}
