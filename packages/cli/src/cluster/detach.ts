// `kctl cluster up --detach`: starts the foreground supervisor as a detached background process
// (this same CLI, without --detach) and returns as soon as the API answers and every node is
// Ready. Start-up speed is the point, so the API port is settled here (no handshake with the
// child) and readiness is polled every few milliseconds.
import { spawn } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { API_SERVER, requiredEntries, resolveComponentEntry } from './components.js';
import { alreadyRunningError, runningSupervisorPid } from './cluster-state.js';
import { apiServerUrl, userKubeconfigPath } from './kubeconfig-files.js';
import { isSupervisorCommandLine } from './ownership.js';
import { ensureClusterDirs } from './paths.js';
import { resolvePort } from './ports.js';
import { DEFAULT_DOWN_TIMEOUTS } from './down.js';
import { stopProcess } from './processes.js';
import { readyMessage } from './ready-message.js';
import { READY_TIMEOUT_MS, waitUntilClusterReady } from './readiness.js';
import { startupFailureMessage } from './startup-failure.js';
import { foregroundUpArgs } from './up-options.js';
import type { UpOptions } from './up-options.js';

export interface DetachIo {
  print(line: string): void;
  /** How to run this CLI again; defaults to the current node, its flags and script. */
  self?: { command: string; args: readonly string[] };
  env?: NodeJS.ProcessEnv;
  readyTimeoutMs?: number;
}

function currentCli(): { command: string; args: readonly string[] } {
  const script = process.argv[1];
  if (!script) throw new Error('cannot tell which script to re-run for --detach');
  return { command: process.execPath, args: [...process.execArgv, script] };
}

export async function runDetached(options: UpOptions, io: DetachIo): Promise<void> {
  // Readiness includes a scheduler lease renewed after this moment: this run's scheduler.
  const startedAt = Date.now();
  const { paths, name } = options;
  const env = io.env ?? process.env;
  // Checked here too: a missing build is reported at once, not after the child fails.
  for (const entry of requiredEntries(options)) resolveComponentEntry(entry, env);
  ensureClusterDirs(paths);
  const holder = runningSupervisorPid(paths);
  if (holder !== undefined) throw alreadyRunningError(paths, holder);

  const port = await resolvePort(paths.portsFile, API_SERVER, options.port);
  const server = apiServerUrl(port);
  const self = io.self ?? currentCli();
  const logFd = openSync(paths.supervisorLog, 'a');
  let child;
  try {
    writeSync(logFd, `--- ${new Date().toISOString()} starting the supervisor for ${paths.dataDir}\n`);
    child = spawn(self.command, [...self.args, ...foregroundUpArgs(options, port)], {
      detached: true, // own session: survives this terminal closing
      stdio: ['ignore', logFd, logFd],
      env,
    });
  } finally {
    closeSync(logFd);
  }
  child.on('error', () => {});
  child.unref();

  // The supervisor exiting before the API is ready means start-up failed: stop polling.
  const supervisorExited = new AbortController();
  child.once('exit', () => supervisorExited.abort());
  const notReady = await waitUntilClusterReady(server, options.nodes, {
    signal: supervisorExited.signal,
    ...(options.scheduler ? { schedulerSince: startedAt } : {}),
    timeoutMs: io.readyTimeoutMs ?? READY_TIMEOUT_MS,
  });
  child.removeAllListeners('exit');

  if (notReady) {
    // Do not leave a half-started cluster behind (the supervisor also stops the workloads).
    if (!supervisorExited.signal.aborted && child.pid !== undefined) {
      await stopProcess(child.pid, isSupervisorCommandLine, DEFAULT_DOWN_TIMEOUTS.supervisorMs);
    }
    const why = supervisorExited.signal.aborted ? 'the supervisor exited' : 'timed out';
    throw new Error(startupFailureMessage(paths, server, notReady, {
      heading: `cluster "${name}" did not start (${why})`,
      includeSupervisorLog: true,
    }));
  }
  io.print(readyMessage({
    name,
    server,
    kubeconfig: paths.kubeconfig,
    nodes: options.nodes,
    mergedInto: options.mergeKubeconfig ? userKubeconfigPath(env) : undefined,
  }));
}
