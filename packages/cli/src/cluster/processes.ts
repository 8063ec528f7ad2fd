// Liveness checks and stopping of processes we only know by pid (the supervisor, or a component
// orphaned when its supervisor was killed). Pids get reused, so on Linux a pid only counts as
// ours when its command line still looks like what we started.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Decides from a process's argv whether it is the process a pid file meant. */
export type CommandLineMatcher = (argv: readonly string[]) => boolean;

export const DEFAULT_STOP_TIMEOUT_MS = 10_000;
const EXIT_POLL_MS = 20;

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A detached supervisor is re-parented to PID 1, which may reap late: a zombie has exited.
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}

/** argv of a live process from /proc; undefined where /proc does not exist (macOS). */
export function commandLineOf(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    // With /proc present an unreadable entry means the process is gone.
    return procMounted() ? [] : undefined;
  }
}

let procMountedCache: boolean | undefined;
function procMounted(): boolean {
  if (procMountedCache === undefined) {
    try {
      readFileSync('/proc/self/cmdline');
      procMountedCache = true;
    } catch {
      procMountedCache = false;
    }
  }
  return procMountedCache;
}

/**
 * Alive and, where we can tell, still running what we started. A zombie or a reused pid has
 * an empty or different command line and so does not count.
 */
export function isOurProcess(pid: number, matches: CommandLineMatcher): boolean {
  if (!isProcessAlive(pid)) return false;
  const argv = commandLineOf(pid);
  return argv === undefined || matches(argv);
}

/** Sends a signal by pid; false when the process no longer exists. */
export function signalPid(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw err;
  }
}

/** Polls until `stillRunning` turns false; true if it did within the timeout. */
export async function waitUntilGone(stillRunning: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (stillRunning()) {
    if (Date.now() >= deadline) return false;
    await sleep(EXIT_POLL_MS);
  }
  return true;
}

export type StopOutcome = 'not-running' | 'exited' | 'killed';

/** SIGTERM, wait up to `timeoutMs` for a clean exit, then SIGKILL: all by pid. */
export async function stopProcess(
  pid: number,
  matches: CommandLineMatcher,
  timeoutMs = DEFAULT_STOP_TIMEOUT_MS,
): Promise<StopOutcome> {
  const running = () => isOurProcess(pid, matches);
  if (!running() || !signalPid(pid, 'SIGTERM')) return 'not-running';
  if (await waitUntilGone(running, timeoutMs)) return 'exited';
  signalPid(pid, 'SIGKILL');
  await waitUntilGone(running, 2_000);
  return 'killed';
}
