// Where local-path volumes live on disk, as k3s's local-path-provisioner lays them out:
// <root>/pvc-<claim uid>_<namespace>_<name>, world-writable so any pod user can write to it.
import { chmod, mkdir, realpath, rm } from 'node:fs/promises';
import path from 'node:path';

export const volumeNameFor = (claimUid: string): string => `pvc-${claimUid}`;

export function volumeDirectory(root: string, claimUid: string, namespace: string, name: string): string {
  return path.join(path.resolve(root), `${volumeNameFor(claimUid)}_${namespace}_${name}`);
}

/** Creates the directory (again, if it exists) with mode 0777 regardless of the umask, as k3s does. */
export async function createVolumeDirectory(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o777 });
  await chmod(dir, 0o777);
}

/**
 * Whether `dir` is a volume directory this provisioner could have made: a `pvc-…` entry directly
 * inside the root (after resolving symlinks in its parent), never the root itself or anything else.
 */
export async function isInsideRoot(root: string, dir: string): Promise<boolean> {
  const resolved = path.resolve(dir);
  if (!path.basename(resolved).startsWith('pvc-')) return false;
  try {
    const [realRoot, realParent] = await Promise.all([realpath(root), realpath(path.dirname(resolved))]);
    return realParent === realRoot;
  } catch {
    // The root or parent is gone: nothing there to delete, and nothing to vouch for.
    return false;
  }
}

/** Removes a volume directory; refuses any path outside the root. A symlinked entry is unlinked, not followed. */
export async function removeVolumeDirectory(root: string, dir: string): Promise<void> {
  if (!(await isInsideRoot(root, dir))) throw new Error(`refusing to delete ${JSON.stringify(dir)}: not a volume directory inside ${JSON.stringify(root)}`);
  await rm(path.resolve(dir), { recursive: true, force: true });
}
