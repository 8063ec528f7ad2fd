// What `kctl cluster up` was asked to do, resolved once from its flags, and the command line
// that hands the same request to a detached supervisor.
import { InvalidArgumentError } from 'commander';
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
}

export interface UpOptions {
  paths: ClusterPaths;
  /** undefined: the port kept in the data dir, else a free one; 0: a fresh free port. */
  port: number | undefined;
  name: string;
  /** Merge a context into the user's kubeconfig, as kind and k3d do. */
  mergeKubeconfig: boolean;
}

export function resolveUpOptions(flags: UpFlags, env: NodeJS.ProcessEnv = process.env): UpOptions {
  if (!flags.name) throw new Error('--name must not be empty');
  return {
    paths: clusterPaths(flags.dataDir ?? defaultDataDir(env)),
    port: flags.port,
    name: flags.name,
    // A cluster in a directory of its own (tests, experiments) leaves ~/.kube/config alone unless asked.
    mergeKubeconfig: flags.mergeKubeconfig ?? flags.dataDir === undefined,
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
  ];
}

/** commander argParser for --port. */
export function parsePortFlag(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError('want a port number from 0 to 65535.');
  return port;
}
