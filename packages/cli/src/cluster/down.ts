// `kctl cluster down`: asks the supervisor to stop (it stops its components and the nodes'
// workloads), then stops any component left without a supervisor (one that was killed), always
// by pid, and finally makes sure no node's workload is left running.
import { rmSync } from 'node:fs';
import { componentsWithPidFiles, runningComponents, runningSupervisorPid } from './cluster-state.js';
import { removeClusterPlan } from './cluster-plan-file.js';
import { recordedClusterName } from './kubeconfig-files.js';
import { cleanUpProxy, describeWorkloadStop, STOP_WORKLOADS_TIMEOUT_MS, stopNodeWorkloads } from './node-workloads.js';
import { isSupervisorCommandLine, mentionsDataDir } from './ownership.js';
import type { ClusterPaths } from './paths.js';
import { DEFAULT_STOP_TIMEOUT_MS, stopProcess } from './processes.js';

export interface DownTimeouts {
  /** Longer than the supervisor's own shutdown (components, then workloads), so it can finish. */
  supervisorMs: number;
  componentMs: number;
  workloadsMs: number;
}

export const DEFAULT_DOWN_TIMEOUTS: DownTimeouts = {
  supervisorMs: DEFAULT_STOP_TIMEOUT_MS + STOP_WORKLOADS_TIMEOUT_MS + 5_000,
  componentMs: DEFAULT_STOP_TIMEOUT_MS,
  workloadsMs: STOP_WORKLOADS_TIMEOUT_MS,
};

export interface DownIo {
  print(line: string): void;
  warn?(line: string): void;
  env?: NodeJS.ProcessEnv;
}

/** Stops the cluster; resolves true if anything was running. */
export async function clusterDown(
  paths: ClusterPaths,
  io: DownIo,
  timeouts: DownTimeouts = DEFAULT_DOWN_TIMEOUTS,
): Promise<boolean> {
  const name = recordedClusterName(paths.kubeconfig);
  const supervisorPid = runningSupervisorPid(paths);
  if (supervisorPid !== undefined) {
    await stopProcess(supervisorPid, isSupervisorCommandLine, timeouts.supervisorMs);
  }
  const orphans = runningComponents(paths);
  const ownsDataDir = mentionsDataDir(paths.dataDir);
  await Promise.all(orphans.map(({ pid }) => stopProcess(pid, ownsDataDir, timeouts.componentMs)));

  const wasRunning = supervisorPid !== undefined || orphans.length > 0;
  // Always, even with no supervisor: a killed supervisor and kubelet leave containers behind.
  // The supervisor did this on its way out already; a second pass finds nothing and is cheap.
  const workloads = await stopNodeWorkloads(paths, io.env, timeouts.workloadsMs);
  const proxyError = await cleanUpProxy(paths, io.env);

  // What is left in run/ names dead processes; ports.json stays for the next `up`.
  rmSync(paths.supervisorPidFile, { force: true });
  removeClusterPlan(paths.planFile);
  for (const component of componentsWithPidFiles(paths)) rmSync(paths.componentPidFile(component), { force: true });

  for (const result of workloads) (result.error === undefined ? io.print : (io.warn ?? io.print))(describeWorkloadStop(result));
  if (proxyError !== undefined) (io.warn ?? io.print)(`warning: could not remove the service proxy's route: ${proxyError}`);
  io.print(wasRunning ? `Cluster "${name}" stopped` : `No cluster is running in ${paths.dataDir}`);
  return wasRunning;
}
