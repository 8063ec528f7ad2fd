// `kctl cluster down`: asks the supervisor to stop (it stops its components), then stops any
// component left without a supervisor (one that was killed), always by pid.
import { rmSync } from 'node:fs';
import { componentsWithPidFiles, runningComponents, runningSupervisorPid } from './cluster-state.js';
import { recordedClusterName } from './kubeconfig-files.js';
import { isSupervisorCommandLine, mentionsDataDir } from './ownership.js';
import type { ClusterPaths } from './paths.js';
import { DEFAULT_STOP_TIMEOUT_MS, stopProcess } from './processes.js';

export interface DownTimeouts {
  /** Longer than the supervisor's own per-component timeout, so it can finish its shutdown. */
  supervisorMs: number;
  componentMs: number;
}

export const DEFAULT_DOWN_TIMEOUTS: DownTimeouts = {
  supervisorMs: DEFAULT_STOP_TIMEOUT_MS + 5_000,
  componentMs: DEFAULT_STOP_TIMEOUT_MS,
};

/** Stops the cluster; resolves true if anything was running. */
export async function clusterDown(
  paths: ClusterPaths,
  print: (line: string) => void,
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

  // What is left in run/ names dead processes; ports.json stays for the next `up`.
  rmSync(paths.supervisorPidFile, { force: true });
  for (const component of componentsWithPidFiles(paths)) rmSync(paths.componentPidFile(component), { force: true });

  const wasRunning = supervisorPid !== undefined || orphans.length > 0;
  print(wasRunning ? `Cluster "${name}" stopped` : `No cluster is running in ${paths.dataDir}`);
  return wasRunning;
}
