// run/<name>.pid files: one decimal pid per file, written by whoever owns that process.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

export function readPidFile(path: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function writePidFile(path: string, pid: number): void {
  writeFileSync(path, `${pid}\n`);
}

/** Removes the file only while it still names `pid`, so a newer owner's file survives. */
export function removePidFile(path: string, pid?: number): void {
  if (pid !== undefined && readPidFile(path) !== pid) return;
  rmSync(path, { force: true });
}

export type PidFileClaim = { claimed: true } | { claimed: false; holder: number };

/**
 * Atomically writes `pid` into a pid file that must not exist yet (O_EXCL), so two `up`s
 * racing on one data dir cannot both win. A file left behind by a dead holder is replaced.
 */
export function claimPidFile(path: string, pid: number, isHolderAlive: (holder: number) => boolean): PidFileClaim {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, `${pid}\n`, { flag: 'wx' });
      return { claimed: true };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readPidFile(path);
    if (holder !== undefined && isHolderAlive(holder)) return { claimed: false, holder };
    rmSync(path, { force: true });
  }
  throw new Error(`could not claim ${path}: another process keeps recreating it`);
}
