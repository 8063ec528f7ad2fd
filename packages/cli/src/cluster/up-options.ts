// What `kctl cluster up` was asked to do, resolved once from its flags, and the command line
// that hands the same request to a detached supervisor.
import { InvalidArgumentError } from 'commander';
import { clusterNodeNames } from './node-names.js';
import { clusterPaths, defaultDataDir } from './paths.js';
import type { ClusterPaths } from './paths.js';

/** The flags as commander parses them. */
export interface UpFlags {
  dataDir?: string;
  port?: number;
  detach?: boolean;
  /** undefined when neither --merge-kubeconfig nor --no-merge-kubeconfig was given. */
  mergeKubeconfig?: boolean;
  name: string;
  /** How many kubelets to start; 0 runs the control plane only. */
  nodes?: number;
  /** false with --no-scheduler. */
  scheduler?: boolean;
  /** false with --no-controller-manager. */
  controllerManager?: boolean;
  kubeletArg?: string[];
  schedulerArg?: string[];
  controllerManagerArg?: string[];
}

export const DEFAULT_NODE_COUNT = 1;
/** Each node is a kubelet process; more than this on one machine is a typo, not a test. */
export const MAX_NODE_COUNT = 100;

export interface UpOptions {
  paths: ClusterPaths;
  /** undefined: the port kept in the data dir, else a free one; 0: a fresh free port. */
  port: number | undefined;
  name: string;
  /** Merge a context into the user's kubeconfig, as kind and k3d do. */
  mergeKubeconfig: boolean;
  /** Names of the nodes to run, one kubelet each (empty: control plane only). */
  nodes: string[];
  scheduler: boolean;
  /** Run the controller manager (every controller: workloads, endpoints, storage, GC, node health). */
  controllerManager: boolean;
  /** Extra flags for every kubelet / the scheduler / the controller manager, e.g. shorter back-off for tests. */
  kubeletArgs: string[];
  schedulerArgs: string[];
  controllerManagerArgs: string[];
}

export function resolveUpOptions(flags: UpFlags, env: NodeJS.ProcessEnv = process.env): UpOptions {
  if (!flags.name) throw new Error('--name must not be empty');
  return {
    paths: clusterPaths(flags.dataDir ?? defaultDataDir(env)),
    port: flags.port,
    name: flags.name,
    // A cluster in a directory of its own (tests, experiments) leaves ~/.kube/config alone unless asked.
    mergeKubeconfig: flags.mergeKubeconfig ?? flags.dataDir === undefined,
    nodes: clusterNodeNames(flags.nodes ?? DEFAULT_NODE_COUNT),
    scheduler: flags.scheduler ?? true,
    controllerManager: flags.controllerManager ?? true,
    kubeletArgs: flags.kubeletArg ?? [],
    schedulerArgs: flags.schedulerArg ?? [],
    controllerManagerArgs: flags.controllerManagerArg ?? [],
  };
}

/**
 * `cluster up` arguments for the detached supervisor. Everything is explicit (absolute data
 * dir, chosen port, merge choice) so the child cannot resolve anything differently.
 */
export function foregroundUpArgs(options: UpOptions, port: number): string[] {
  return [
    'cluster', 'up',
    '--data-dir', options.paths.dataDir,
    '--port', String(port),
    '--name', options.name,
    options.mergeKubeconfig ? '--merge-kubeconfig' : '--no-merge-kubeconfig',
    '--nodes', String(options.nodes.length),
    ...(options.scheduler ? [] : ['--no-scheduler']),
    ...(options.controllerManager ? [] : ['--no-controller-manager']),
    // The '=' form keeps a pass-through value that starts with '-' from reading as our own flag.
    ...options.kubeletArgs.map((arg) => `--kubelet-arg=${arg}`),
    ...options.schedulerArgs.map((arg) => `--scheduler-arg=${arg}`),
    ...options.controllerManagerArgs.map((arg) => `--controller-manager-arg=${arg}`),
  ];
}

/** commander argParser for --port. */
export function parsePortFlag(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError('want a port number from 0 to 65535.');
  return port;
}

/** commander argParser for --nodes. */
export function parseNodeCountFlag(value: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value) || count > MAX_NODE_COUNT) {
    throw new InvalidArgumentError(`want a node count from 0 to ${MAX_NODE_COUNT}.`);
  }
  return count;
}

/** commander argParser for repeatable flags: collects every occurrence in order. */
export function collectRepeated(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
