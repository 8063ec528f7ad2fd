// `kctl cluster up` without --detach: this process becomes the supervisor. It claims the data
// dir, starts the components at once (the detached parent is timing us), writes kubeconfigs
// while the API server boots, reports readiness once the API and every node are ready, and
// supervises until told to shut down; then it stops the components and the nodes' workloads.
import { API_SERVER, clusterComponentTable, requiredEntries, resolveComponentEntry, supervisedComponents } from './components.js';
import { alreadyRunningError } from './cluster-state.js';
import { settleClusterLayout } from './cluster-layout.js';
import { removeClusterPlan, writeClusterPlan } from './cluster-plan-file.js';
import { apiServerUrl, mergeIntoUserKubeconfig, writeClusterKubeconfig } from './kubeconfig-files.js';
import { cleanUpProxy, describeWorkloadStop, stopNodeWorkloads } from './node-workloads.js';
import { ensureClusterDirs } from './paths.js';
import { claimPidFile, removePidFile } from './pid-files.js';
import { resolvePort } from './ports.js';
import { isOurProcess } from './processes.js';
import { isSupervisorCommandLine } from './ownership.js';
import { readyMessage } from './ready-message.js';
import { READY_TIMEOUT_MS, waitUntilClusterReady } from './readiness.js';
import { spawnComponentWithFiles } from './spawn-component.js';
import { startupFailureMessage } from './startup-failure.js';
import { followStoppedNodes } from './stopped-nodes-follower.js';
import type { StoppedNodesFollower } from './stopped-nodes-follower.js';
import { Supervisor } from './supervisor.js';
import type { UpOptions } from './up-options.js';

export interface ForegroundIo {
  /** Aborted on Ctrl-C / SIGTERM: stop the components and return. */
  shutdown: AbortSignal;
  print(line: string): void;
  warn(line: string): void;
  env?: NodeJS.ProcessEnv;
}

export async function runForeground(options: UpOptions, io: ForegroundIo): Promise<void> {
  // Readiness includes a scheduler lease renewed after this moment: this run's scheduler.
  const startedAt = Date.now();
  const { paths, name } = options;
  const env = io.env ?? process.env;
  // A missing build is one clear error before anything is claimed or started.
  for (const entry of requiredEntries(options)) resolveComponentEntry(entry, env);
  ensureClusterDirs(paths);
  const claim = claimPidFile(paths.supervisorPidFile, process.pid, (pid) => isOurProcess(pid, isSupervisorCommandLine));
  if (!claim.claimed) throw alreadyRunningError(paths, claim.holder);

  let supervisor: Supervisor | undefined;
  let stoppedNodes: StoppedNodesFollower | undefined;
  try {
    const port = await resolvePort(paths.portsFile, API_SERVER, options.port);
    const server = apiServerUrl(port);
    const layout = await settleClusterLayout(options, port);
    const components = supervisedComponents(clusterComponentTable(layout), env);
    // Components after the API server read this kubeconfig at start-up, so it comes first.
    writeClusterKubeconfig(paths.kubeconfig, name, server);
    writeClusterPlan(paths.planFile, { components: components.map((c) => c.name), nodes: options.nodes });
    supervisor = new Supervisor({
      components,
      spawn: spawnComponentWithFiles(paths),
      log: (line) => io.print(`${new Date().toISOString()} ${line}`),
    });
    supervisor.start();
    // `kctl cluster stop-node|start-node` talk to us through run/stopped-nodes.json.
    stoppedNodes = followStoppedNodes(paths, options.nodes, supervisor, (line) => io.print(`${new Date().toISOString()} ${line}`));

    const mergedInto = options.mergeKubeconfig ? tryMerge(name, server, env, io) : undefined;
    const notReady = await waitUntilClusterReady(server, options.nodes, {
      signal: io.shutdown,
      timeoutMs: READY_TIMEOUT_MS,
      ...(options.scheduler ? { schedulerSince: startedAt } : {}),
    });
    if (io.shutdown.aborted) return;
    if (notReady) throw new Error(startupFailureMessage(paths, server, notReady));
    io.print(readyMessage({ name, server, kubeconfig: paths.kubeconfig, nodes: options.nodes, mergedInto }));
    await untilAborted(io.shutdown);
  } finally {
    stoppedNodes?.dispose();
    if (supervisor) {
      await supervisor.stop();
      // Only now: a kubelet still running would restart what this stops.
      for (const result of await stopNodeWorkloads(paths, env)) {
        (result.error === undefined ? io.print : io.warn)(describeWorkloadStop(result));
      }
      const proxyError = await cleanUpProxy(paths, env);
      if (proxyError !== undefined) io.warn(`warning: could not remove the service proxy's route: ${proxyError}`);
    }
    removeClusterPlan(paths.planFile);
    removePidFile(paths.supervisorPidFile, process.pid);
  }
  io.print(`Cluster "${name}" stopped`);
}

/** A broken ~/.kube/config must not take the cluster down: the data dir's kubeconfig still works. */
function tryMerge(name: string, server: string, env: NodeJS.ProcessEnv, io: ForegroundIo): string | undefined {
  try {
    return mergeIntoUserKubeconfig(name, server, env);
  } catch (err) {
    io.warn(`warning: could not merge the "${name}" context into your kubeconfig: ${(err as Error).message}`);
    return undefined;
  }
}

/**
 * Resolves on abort. The timer keeps the event loop alive even while no component runs (all
 * stopped in a drill, or between restarts): a pending promise alone would let Node exit.
 */
function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const keepAlive = setInterval(() => {}, 1 << 30);
    signal.addEventListener('abort', () => {
      clearInterval(keepAlive);
      resolve();
    }, { once: true });
  });
}
