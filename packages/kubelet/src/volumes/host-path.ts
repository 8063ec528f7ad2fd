// hostPath type checks, as Kubernetes' pkg/volume/hostpath checkTypeInternal: the *OrCreate types
// create what is missing (a 0755 directory, an empty 0644 file, no parent directories for files),
// the others only check, and "" (the default) checks nothing.
import { closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** os.OpenFile(path, O_CREATE, 0644): the parent must exist; the error reads like Go's. */
function createEmptyFile(path: string): void {
  try {
    closeSync(openSync(path, 'a', 0o644));
  } catch (err) {
    const reason = /^\w+: ([^,]+)/.exec((err as Error).message)?.[1] ?? (err as Error).message;
    throw new Error(`open ${path}: ${reason}`);
  }
}

/** Throws Kubernetes' message when PATH is not what TYPE asks for. */
export function checkHostPathType(path: string, type: string | undefined): void {
  if (!type) return;
  const info = statOrUndefined(path);
  const fail = (what: string) => {
    throw new Error(`hostPath type check failed: ${path} is not ${what}`);
  };
  switch (type) {
    case 'DirectoryOrCreate':
      if (!info) {
        mkdirSync(path, { recursive: true, mode: 0o755 });
        return;
      }
      if (!info.isDirectory()) fail('a directory');
      return;
    case 'Directory':
      if (!info?.isDirectory()) fail('a directory');
      return;
    case 'FileOrCreate':
      if (!info) {
        createEmptyFile(path);
        return;
      }
      if (!info.isFile()) fail('a file');
      return;
    case 'File':
      if (!info?.isFile()) fail('a file');
      return;
    case 'Socket':
      if (!info?.isSocket()) fail('a socket file');
      return;
    case 'CharDevice':
      if (!info?.isCharacterDevice()) fail('a character device');
      return;
    case 'BlockDevice':
      if (!info?.isBlockDevice()) fail('a block device');
      return;
    default:
      throw new Error(`${type} is an invalid volume type`);
  }
}
