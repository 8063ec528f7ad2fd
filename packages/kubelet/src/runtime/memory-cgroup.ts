// Per-container memory cgroups (cgroup v1, isolation-recipes.md §3). The runtime creates
// <root>/<parent>/<containerId>/ and writes the limit; the shim's forked child joins it before
// execve, so only the workload is charged and the shim (outside it) survives an OOM kill.
// Where cgroup v1 memory is missing or not writable, containers run without a limit.
import { createHash } from 'node:crypto';
import { access, constants, mkdir, rmdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export const DEFAULT_MEMORY_CGROUP_ROOT = '/sys/fs/cgroup/memory';

/** One cgroup parent per kubelet root dir, so clusters sharing a machine never collide. */
export function cgroupParentFor(rootDir: string): string {
  return `kctl-${createHash('sha256').update(resolve(rootDir)).digest('hex').slice(0, 8)}`;
}

/** Whether cgroup v1 memory is mounted at ROOT and this process may create cgroups there. */
export async function memoryCgroupsUsable(root: string): Promise<boolean> {
  try {
    // A v1 memory hierarchy has memory.limit_in_bytes at its root; v2 has memory.max in children only.
    await stat(join(root, 'memory.limit_in_bytes'));
    await access(root, constants.W_OK);
    return process.getuid?.() === 0;
  } catch {
    return false;
  }
}

/** Creates the container's cgroup with LIMIT bytes (memory and memory+swap); returns its path. */
export async function createMemoryCgroup(root: string, parent: string, id: string, limitBytes: number): Promise<string> {
  const dir = join(root, parent, id);
  await mkdir(dir, { recursive: true });
  try {
    await writeFile(join(dir, 'memory.limit_in_bytes'), String(limitBytes));
    // Same value for memory+swap, or swap would absorb the overrun and hide the OOM. Absent when
    // the kernel has no swap accounting; then swap is not charged and there is nothing to set.
    await writeFile(join(dir, 'memory.memsw.limit_in_bytes'), String(limitBytes)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  } catch (error) {
    await removeCgroupDir(dir);
    throw error;
  }
  return dir;
}

/** rmdir of a cgroup; false when it still has processes (EBUSY) — gone already counts as done. */
export async function removeCgroupDir(dir: string): Promise<boolean> {
  try {
    await rmdir(dir);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return true;
    if (code === 'EBUSY' || code === 'ENOTEMPTY') return false;
    throw error;
  }
}
