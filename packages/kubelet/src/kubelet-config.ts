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
    },
  });
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
  };
}
