// Per-container cgroups for memory, cpu and pids limits (isolation-recipes.md §3). The runtime
// creates <root>/<controller>/<parent>/<containerId>/ on cgroup v1 (one dir per controller), or
// <root>/<parent>/<containerId>/ on cgroup v2 (one dir for all), and writes the limits; the
// shim's forked child joins them before execve, so only the workload is charged and the shim
// (outside them) survives an OOM kill. Limits whose controller is missing or not writable are
// not enforced: the container still starts, and the runtime is told why (onWarning).
import { createHash } from 'node:crypto';
import { access, constants, mkdir, readFile, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export const DEFAULT_CGROUP_ROOT = '/sys/fs/cgroup';
/** cpu.cfs_period_us: the quota is per 100 ms, as the kubelet sets it */
export const CPU_PERIOD_MICROS = 100_000;

export type CgroupController = 'memory' | 'cpu' | 'pids';
const CONTROLLERS: readonly CgroupController[] = ['memory', 'cpu', 'pids'];

export interface CgroupLimits {
  memoryLimitBytes?: number;
  cpuQuotaMicros?: number;
  cpuShares?: number;
  pidsLimit?: number;
}

export interface CgroupHierarchy {
  version: 1 | 2;
  /** /sys/fs/cgroup, or a test's temp dir */
  root: string;
  /** the controllers this process can create cgroups in */
  usable: ReadonlySet<CgroupController>;
}

/** What creating a container's cgroups takes: files written in order, each after a mkdir -p of its dir. */
export interface CgroupPlan {
  /** the container's own cgroup dirs: the process joins each, and they are removed with it */
  dirs: string[];
  writes: Array<{ path: string; value: string; optional?: boolean }>;
}

/** One cgroup parent per kubelet root dir, so clusters sharing a machine never collide. */
export function cgroupParentFor(rootDir: string): string {
  return `kctl-${createHash('sha256').update(resolve(rootDir)).digest('hex').slice(0, 8)}`;
}

/** A v1 hierarchy's file that exists only where that controller is mounted (root cgroups have no pids.max). */
const V1_MARKER: Record<CgroupController, string> = { memory: 'memory.limit_in_bytes', cpu: 'cpu.shares', pids: 'cgroup.procs' };

/** Which cgroup version ROOT holds and which controllers this process (root only) may use there. */
export async function probeCgroups(root: string): Promise<CgroupHierarchy> {
  const isRoot = process.getuid?.() === 0;
  const v2Controllers = await readFile(join(root, 'cgroup.controllers'), 'utf8').catch(() => undefined);
  if (v2Controllers !== undefined) {
    const available = new Set(v2Controllers.trim().split(/\s+/));
    const writable = isRoot && (await canWrite(root));
    return { version: 2, root, usable: new Set(writable ? CONTROLLERS.filter((c) => available.has(c)) : []) };
  }
  const usable = new Set<CgroupController>();
  for (const controller of CONTROLLERS) {
    const dir = join(root, controller);
    if (isRoot && (await exists(join(dir, V1_MARKER[controller]))) && (await canWrite(dir))) usable.add(controller);
  }
  return { version: 1, root, usable };
}

/** The controllers LIMITS need. */
export function controllersFor(limits: CgroupLimits): CgroupController[] {
  return CONTROLLERS.filter((c) => {
    if (c === 'memory') return limits.memoryLimitBytes !== undefined;
    if (c === 'cpu') return limits.cpuQuotaMicros !== undefined || limits.cpuShares !== undefined;
    return limits.pidsLimit !== undefined;
  });
}

/** The dirs and files for the container ID's LIMITS, for either cgroup version. */
export function planContainerCgroups(hierarchy: Pick<CgroupHierarchy, 'version' | 'root'>, parent: string, id: string, limits: CgroupLimits): CgroupPlan {
  const controllers = controllersFor(limits);
  const plan: CgroupPlan = { dirs: [], writes: [] };
  const write = (path: string, value: number | string, optional = false) =>
    plan.writes.push({ path, value: String(value), ...(optional ? { optional } : {}) });
  if (hierarchy.version === 2) {
    // v2 limits a child only for controllers its parent delegates ("no internal processes":
    // the parents themselves hold no processes, so enabling is always allowed).
    const enable = controllers.map((c) => `+${c}`).join(' ');
    const dir = join(hierarchy.root, parent, id);
    if (controllers.length) {
      write(join(hierarchy.root, 'cgroup.subtree_control'), enable);
      write(join(hierarchy.root, parent, 'cgroup.subtree_control'), enable);
    }
    plan.dirs.push(dir);
    if (limits.memoryLimitBytes !== undefined) {
      write(join(dir, 'memory.max'), limits.memoryLimitBytes);
      // No swap, or swap would absorb the overrun and hide the OOM (absent without swap accounting).
      write(join(dir, 'memory.swap.max'), 0, true);
    }
    if (limits.cpuQuotaMicros !== undefined) write(join(dir, 'cpu.max'), `${limits.cpuQuotaMicros} ${CPU_PERIOD_MICROS}`);
    if (limits.cpuShares !== undefined) write(join(dir, 'cpu.weight'), cpuSharesToWeight(limits.cpuShares));
    if (limits.pidsLimit !== undefined) write(join(dir, 'pids.max'), limits.pidsLimit);
    return plan;
  }
  const v1Dir = (controller: CgroupController) => join(hierarchy.root, controller, parent, id);
  if (limits.memoryLimitBytes !== undefined) {
    plan.dirs.push(v1Dir('memory'));
    write(join(v1Dir('memory'), 'memory.limit_in_bytes'), limits.memoryLimitBytes);
    // Same value for memory+swap (absent when the kernel has no swap accounting).
    write(join(v1Dir('memory'), 'memory.memsw.limit_in_bytes'), limits.memoryLimitBytes, true);
  }
  if (controllers.includes('cpu')) {
    plan.dirs.push(v1Dir('cpu'));
    if (limits.cpuQuotaMicros !== undefined) {
      write(join(v1Dir('cpu'), 'cpu.cfs_period_us'), CPU_PERIOD_MICROS);
      write(join(v1Dir('cpu'), 'cpu.cfs_quota_us'), limits.cpuQuotaMicros);
    }
    if (limits.cpuShares !== undefined) write(join(v1Dir('cpu'), 'cpu.shares'), limits.cpuShares);
  }
  if (limits.pidsLimit !== undefined) {
    plan.dirs.push(v1Dir('pids'));
    write(join(v1Dir('pids'), 'pids.max'), limits.pidsLimit);
  }
  return plan;
}

/** runc's conversion of cgroup v1 cpu.shares [2, 262144] to v2 cpu.weight [1, 10000]. */
export function cpuSharesToWeight(shares: number): number {
  const clamped = Math.min(262_144, Math.max(2, shares));
  return 1 + Math.floor(((clamped - 2) * 9999) / 262_142);
}

/** Creates the dirs and writes the limits of PLAN; on failure removes what it created and throws. */
export async function createCgroups(plan: CgroupPlan): Promise<void> {
  try {
    // In write order, so that v2 parents delegate their controllers before the leaf exists.
    for (const { path, value, optional } of plan.writes) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, value).catch((error: NodeJS.ErrnoException) => {
        if (!optional || error.code !== 'ENOENT') throw error;
      });
    }
    for (const dir of plan.dirs) await mkdir(dir, { recursive: true });
  } catch (error) {
    for (const dir of plan.dirs) await removeCgroupDir(dir);
    throw error;
  }
}

/** The parent dirs of this kubelet's container cgroups, to remove once they are empty. */
export function cgroupParentDirs(hierarchy: Pick<CgroupHierarchy, 'version' | 'root'>, parent: string): string[] {
  if (hierarchy.version === 2) return [join(hierarchy.root, parent)];
  return CONTROLLERS.map((c) => join(hierarchy.root, c, parent));
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

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function canWrite(path: string): Promise<boolean> {
  return access(path, constants.W_OK).then(
    () => true,
    () => false,
  );
}
