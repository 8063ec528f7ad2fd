// Telling whether a pid recorded in a state dir still names the same process. Pids are recycled,
// and a kubelet restarted hours later must never signal a stranger that inherited a container's
// pid: /proc/PID/stat's start time (clock ticks since boot) pins the identity down.
import { readFile } from 'node:fs/promises';
import type { ProcessIdentity } from './container-state-dir.js';

interface ProcStat {
  state: string;
  startTicks: string;
}

async function readProcStat(pid: number): Promise<ProcStat | undefined> {
  let text: string;
  try {
    text = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is parenthesised and may contain spaces or ")".
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const startTicks = fields[19]; // field 22 overall; fields[0] is field 3
  return state && startTicks ? { state, startTicks } : undefined;
}

/** True while the recorded process runs (a zombie counts as gone: it only waits to be reaped). */
export async function isAlive(identity: ProcessIdentity): Promise<boolean> {
  const stat = await readProcStat(identity.pid);
  return stat !== undefined && stat.state !== 'Z' && stat.startTicks === identity.startTicks;
}

/** True while the shim of STATE_DIR runs: pid SHIM_PID whose command line names that state dir. */
export async function isShimAlive(shimPid: number, stateDirPath: string): Promise<boolean> {
  const stat = await readProcStat(shimPid);
  if (!stat || stat.state === 'Z') return false;
  try {
    const argv = (await readFile(`/proc/${shimPid}/cmdline`, 'utf8')).split('\0');
    return argv.includes(stateDirPath);
  } catch {
    return false;
  }
}

/** Signals the process group led by the recorded process, if that process is still the same. */
export async function signalProcessGroup(identity: ProcessIdentity, signal: NodeJS.Signals): Promise<boolean> {
  if (!(await isAlive(identity))) return false;
  try {
    process.kill(-identity.pid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}
