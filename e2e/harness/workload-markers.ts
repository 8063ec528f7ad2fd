// A temp directory the test pods' containers write into: their own pid (`echo $$ > NAME.pid`
// before `exec`), and marker files (e.g. written on SIGTERM). It lets a test see the workload
// processes from outside, as a user would, and prove that none is left running afterwards.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface WorkloadMarkers {
  dir: string;
  /** The pid a container recorded in NAME.pid, if it did. */
  pid(name: string): number | undefined;
  /** Every recorded pid. */
  allPids(): number[];
  has(file: string): boolean;
  read(file: string): string;
  remove(): void;
}

export function workloadMarkers(): WorkloadMarkers {
  const dir = mkdtempSync(join(tmpdir(), 'kctl-workloads-'));
  const pid = (name: string): number | undefined => {
    try {
      const value = Number(readFileSync(join(dir, `${name}.pid`), 'utf8').trim());
      return Number.isInteger(value) && value > 0 ? value : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    dir,
    pid,
    allPids: () => readdirSync(dir).filter((f) => f.endsWith('.pid')).flatMap((f) => pid(f.slice(0, -4)) ?? []),
    has: (file) => existsSync(join(dir, file)),
    read: (file) => readFileSync(join(dir, file), 'utf8'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Running, not merely a zombie waiting to be reaped. */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Last-resort cleanup after a failed test: SIGKILL by pid whatever a container recorded and
 * still runs. A passing test never needs it (`cluster down` stops every workload), and says so
 * by asserting `allPids().filter(isAlive)` is empty before this runs.
 */
export function killLeftovers(markers: WorkloadMarkers): void {
  for (const pid of markers.allPids()) {
    if (isAlive(pid)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone in between
      }
    }
  }
}

/**
 * The end of every pods test file: `cluster down` (which must stop every workload), then the
 * recorded workload pids still alive, which a passing file expects to be none. Whatever
 * happens, leftovers are killed and the markers dir removed, so a failure leaks nothing.
 */
export async function stopClusterAndFindLeftovers(stop: (() => Promise<void>) | undefined, markers: WorkloadMarkers | undefined): Promise<number[]> {
  const recorded = markers?.allPids() ?? [];
  try {
    await stop?.();
    return recorded.filter(isAlive);
  } finally {
    if (markers) {
      killLeftovers(markers);
      markers.remove();
    }
  }
}
