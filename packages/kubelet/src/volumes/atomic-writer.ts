// Kubernetes' AtomicWriter (pkg/volume/util/atomic_writer.go): a volume's files live in a
// timestamped directory `..2026_11_22_22_30_00.123456789`; `..data` is a symlink to it, swapped by
// renaming a fresh `..data_tmp` link over it; every top-level user path is a symlink
// `key -> ..data/key`. A reader (or a bind mount of the volume directory) therefore sees either
// the whole old set of files or the whole new one, never a mix.
import { randomInt } from 'node:crypto';
import { chmod, lstat, mkdir, readFile, readdir, readlink, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';

export interface FileProjection {
  data: Buffer;
  /** permission bits, e.g. 0o644 */
  mode: number;
}

/** relative path in the volume → content */
export type Payload = Map<string, FileProjection>;

const DATA_DIR = '..data';
const DATA_DIR_TMP = '..data_tmp';

/** validatePath: relative, no `..` element, no leading `..`. */
function validatePath(path: string): void {
  if (isAbsolute(path)) throw new Error(`invalid path: must be relative path: ${path}`);
  if (path.split(sep).includes('..')) throw new Error(`invalid path: must not contain '..': ${path}`);
  if (path.startsWith('..')) throw new Error(`invalid path: must not start with '..': ${path}`);
}

function cleanPayload(payload: Payload): Payload {
  const clean: Payload = new Map();
  for (const [path, projection] of payload) {
    validatePath(path);
    clean.set(normalize(path).replace(/\/+$/, ''), projection);
  }
  return clean;
}

function topLevel(path: string): string {
  return path.split(sep)[0] ?? path;
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/** `..2006_01_02_15_04_05.<random>` in UTC, like os.MkdirTemp with Go's time layout. */
function timestampedName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getUTCFullYear()}_${pad(now.getUTCMonth() + 1)}_${pad(now.getUTCDate())}_${pad(now.getUTCHours())}_${pad(now.getUTCMinutes())}_${pad(now.getUTCSeconds())}`;
  return `..${stamp}.${randomInt(0, 2 ** 32)}`;
}

/** Every file and directory under DIR, relative to it. */
async function walk(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(join(dir, prefix), { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries) {
    const rel = prefix ? join(prefix, entry.name) : entry.name;
    found.push(rel);
    if (entry.isDirectory()) found.push(...(await walk(dir, rel)));
  }
  return found;
}

/** The old directory's paths the new payload no longer has (its files and their parent dirs stay). */
async function pathsToRemove(payload: Payload, oldTsDir: string | undefined): Promise<Set<string>> {
  if (!oldTsDir) return new Set();
  const keep = new Set<string>();
  for (const path of payload.keys()) {
    for (let p = path; p !== '.' && p !== ''; p = dirname(p)) keep.add(p);
  }
  return new Set((await walk(oldTsDir)).filter((p) => !keep.has(p)));
}

/** Whether the payload differs from what the old directory holds (content or mode). */
async function payloadChanged(payload: Payload, oldTsDir: string | undefined, removals: Set<string>): Promise<boolean> {
  if (!oldTsDir || removals.size > 0) return true;
  for (const [path, projection] of payload) {
    const file = join(oldTsDir, path);
    try {
      const [content, info] = await Promise.all([readFile(file), stat(file)]);
      if (!content.equals(projection.data) || (info.mode & 0o7777) !== projection.mode) return true;
    } catch {
      return true;
    }
  }
  return false;
}

async function writePayload(dir: string, payload: Payload): Promise<void> {
  for (const [path, { data, mode }] of payload) {
    const file = join(dir, path);
    await mkdir(dirname(file), { recursive: true, mode: 0o755 });
    await writeFile(file, data, { mode });
    await chmod(file, mode); // the umask must not narrow the mode the pod asked for
  }
}

/** Writes PAYLOAD into TARGET_DIR (which must exist); returns whether anything changed. */
export async function writeAtomically(targetDir: string, payload: Payload, now = new Date()): Promise<boolean> {
  const clean = cleanPayload(payload);
  const dataLink = join(targetDir, DATA_DIR);
  const oldTsName = await readlink(dataLink).catch(() => undefined);
  const oldTsDir = oldTsName ? join(targetDir, oldTsName) : undefined;
  const removals = await pathsToRemove(clean, oldTsDir);
  const changed = await payloadChanged(clean, oldTsDir, removals);
  if (changed) {
    let tsName = timestampedName(now);
    while (await exists(join(targetDir, tsName))) tsName = timestampedName(now);
    const tsDir = join(targetDir, tsName);
    await mkdir(tsDir, { mode: 0o755 });
    await chmod(tsDir, 0o755);
    await writePayload(tsDir, clean);
    const tmpLink = join(targetDir, DATA_DIR_TMP);
    await rm(tmpLink, { force: true });
    await symlink(tsName, tmpLink);
    await rename(tmpLink, dataLink);
  }
  for (const top of new Set([...clean.keys()].map(topLevel))) {
    const visible = join(targetDir, top);
    if (!(await exists(visible))) await symlink(join(DATA_DIR, top), visible);
  }
  for (const path of removals) {
    if (!path.includes(sep)) await rm(join(targetDir, path), { force: true });
  }
  if (changed && oldTsDir) await rm(oldTsDir, { recursive: true, force: true });
  return changed;
}
