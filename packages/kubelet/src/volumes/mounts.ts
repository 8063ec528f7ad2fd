// The host mounts the kubelet makes itself: tmpfs for emptyDir medium Memory. /proc/mounts is
// the truth for what is mounted, so set-up stays idempotent and tear-down can prove nothing is
// left before it deletes a directory (a recursive delete must never run through a mount).
import { execFile } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { sep } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** /proc/mounts escapes space, tab, newline and backslash as octal. */
function unescapeMountField(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_m, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** Every mount point on the host, in mount order. */
export function mountPoints(): string[] {
  return readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => unescapeMountField(line.split(' ')[1] ?? ''));
}

/** /proc/mounts names mount points by their real path; a root dir behind a symlink must match too. */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

export function isMountPoint(path: string): boolean {
  return mountPoints().includes(realPath(path));
}

/** Mount points at DIR or below it, deepest first (the order to unmount them). */
export function mountsUnder(path: string): string[] {
  const dir = realPath(path);
  return mountPoints()
    .filter((m) => m === dir || m.startsWith(dir + sep))
    .sort((a, b) => b.length - a.length);
}

/** Mounts a tmpfs at DIR (an existing directory) unless one is there already. */
export async function mountTmpfs(dir: string, sizeBytes?: number): Promise<void> {
  if (isMountPoint(dir)) return;
  // No mode option: tmpfs's own 1777 is what Kubernetes' memory-backed volumes show.
  const options = sizeBytes ? ['-o', `size=${sizeBytes}`] : [];
  try {
    await run('mount', ['-t', 'tmpfs', ...options, 'tmpfs', dir]);
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim();
    throw new Error(`mount failed: ${stderr || (err as Error).message}`);
  }
}

export async function unmount(dir: string): Promise<void> {
  await run('umount', [dir]);
}
