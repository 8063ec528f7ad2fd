// Which of a data dir's processes are alive, read from its run/ pid files. Shared by `up`
// (refusing a second supervisor), `status` and `down`.
import { readdirSync } from 'node:fs';
import { isOurProcess } from './processes.js';
import { isSupervisorCommandLine, mentionsDataDir } from './ownership.js';
import { readPidFile } from './pid-files.js';
import { PID_FILE_SUFFIX, SUPERVISOR } from './paths.js';
import type { ClusterPaths } from './paths.js';

export interface RunningProcess {
  name: string;
  pid: number;
}

export function runningSupervisorPid(paths: ClusterPaths): number | undefined {
  const pid = readPidFile(paths.supervisorPidFile);
  return pid !== undefined && isOurProcess(pid, isSupervisorCommandLine) ? pid : undefined;
}

/** Names of components with a pid file in run/ (kubelets are named per node, so not a fixed list). */
export function componentsWithPidFiles(paths: ClusterPaths): string[] {
  let entries: string[];
  try {
    entries = readdirSync(paths.runDir);
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.endsWith(PID_FILE_SUFFIX))
    .map((entry) => entry.slice(0, -PID_FILE_SUFFIX.length))
    .filter((name) => name !== SUPERVISOR)
    .sort();
}

export function componentPidIfRunning(paths: ClusterPaths, name: string): number | undefined {
  const pid = readPidFile(paths.componentPidFile(name));
  return pid !== undefined && isOurProcess(pid, mentionsDataDir(paths.dataDir)) ? pid : undefined;
}

export function runningComponents(paths: ClusterPaths): RunningProcess[] {
  return componentsWithPidFiles(paths).flatMap((name) => {
    const pid = componentPidIfRunning(paths, name);
    return pid === undefined ? [] : [{ name, pid }];
  });
}

export function alreadyRunningError(paths: ClusterPaths, pid: number): Error {
  return new Error(`cluster already running in ${paths.dataDir} (pid ${pid})`);
}
