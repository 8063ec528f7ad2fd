// Stopping the workloads themselves. A kubelet that exits leaves its containers running on
// purpose (a restarted kubelet re-adopts them), so stopping the kubelets is not enough for
// "nothing is left running": once they are down, each node's kubelet bundle is run once with
// --stop-all-containers, which stops every container its runtime started under that root dir.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { KUBELET_ENTRY, PROXY_ENTRY, resolveComponentEntry } from './components.js';
import type { ComponentEntry } from './components.js';
import { recordedClusterNetwork } from './network-layout.js';
import type { ClusterPaths } from './paths.js';

/** Covers every container's termination grace period running in parallel, plus start-up. */
export const STOP_WORKLOADS_TIMEOUT_MS = 45_000;

export interface NodeWorkloadsResult {
  node: string;
  /** undefined on success, else why the node's containers may still be running. */
  error?: string;
}

/** Nodes that ever ran here: every directory under nodes/, whatever the current `up` asked for. */
export function nodesWithRootDirs(paths: ClusterPaths): string[] {
  try {
    return readdirSync(paths.nodesDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

function runOnce(entry: string, args: string[], timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [entry, ...args],
      { timeout: timeoutMs, killSignal: 'SIGKILL' },
      (err, _stdout, stderr) => {
        if (!err) return resolve(undefined);
        const detail = stderr.trim().split('\n').slice(-5).join('\n') || err.message;
        resolve(detail);
      },
    );
  });
}

/** Stops the containers of every node with a root dir; call only once its kubelet has stopped. */
export async function stopNodeWorkloads(
  paths: ClusterPaths,
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = STOP_WORKLOADS_TIMEOUT_MS,
): Promise<NodeWorkloadsResult[]> {
  const nodes = nodesWithRootDirs(paths);
  if (nodes.length === 0) return [];
  let entry: string;
  try {
    entry = resolveComponentEntry(KUBELET_ENTRY, env);
  } catch (err) {
    return nodes.map((node) => ({ node, error: (err as Error).message }));
  }
  return Promise.all(
    nodes.map(async (node) => {
      const error = await runOnce(entry, ['--stop-all-containers', '--root-dir', paths.nodeRootDir(node)], timeoutMs);
      return error === undefined ? { node } : { node, error };
    }),
  );
}

/**
 * Removes what the service proxy set up on the host (its route for the service CIDR) even when
 * the proxy was killed: its bundle run once with --cleanup. Resolves an error message or undefined.
 */
export async function cleanUpProxy(paths: ClusterPaths, env: NodeJS.ProcessEnv = process.env, timeoutMs = 10_000): Promise<string | undefined> {
  const network = recordedClusterNetwork(paths);
  if (!network || nodesWithRootDirs(paths).length === 0) return undefined;
  let entry: string;
  try {
    entry = resolveComponentEntry(PROXY_ENTRY as ComponentEntry, env);
  } catch (err) {
    return (err as Error).message;
  }
  return runOnce(entry, ['--cleanup', '--service-cidr', network.serviceCidr, '--dns-address', network.dnsAddress], timeoutMs);
}

/** One line per node, for `down` and the foreground supervisor's shutdown. */
export function describeWorkloadStop(result: NodeWorkloadsResult): string {
  return result.error === undefined
    ? `Node "${result.node}": workloads stopped`
    : `warning: node "${result.node}": could not stop its workloads: ${result.error}`;
}
