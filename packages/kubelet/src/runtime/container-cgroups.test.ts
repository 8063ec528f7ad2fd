// The path and value computation of container cgroups for both versions, against temp dirs
// laid out like /sys/fs/cgroup (no kernel involved: the files are plain files).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContainerCgroupLimits } from './container-cgroup-limits.js';
import type { ContainerLaunch } from './container-runtime.js';
import { cgroupParentDirs, cpuSharesToWeight, createCgroups, planContainerCgroups, probeCgroups } from './container-cgroups.js';

const isRoot = process.getuid?.() === 0;
let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kctl-cgroups-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const read = (...parts: string[]) => readFileSync(join(root, ...parts), 'utf8');
const launch = (limits: Partial<ContainerLaunch>): ContainerLaunch => ({ name: 'c', argv: ['true'], env: {}, stdin: false, tty: false, attempt: 0, logPath: '/dev/null', ...limits });

function v1Layout(controllers: Record<string, string>): void {
  for (const [controller, marker] of Object.entries(controllers)) {
    mkdirSync(join(root, controller));
    writeFileSync(join(root, controller, marker), '');
  }
}

describe('planContainerCgroups on cgroup v1', () => {
  it('puts each limit in its controller hierarchy under the parent', () => {
    const plan = planContainerCgroups({ version: 1, root }, 'kctl-x', 'abc', { memoryLimitBytes: 1024, cpuQuotaMicros: 50_000, cpuShares: 512, pidsLimit: 5 });
    expect(plan.dirs).toEqual([join(root, 'memory/kctl-x/abc'), join(root, 'cpu/kctl-x/abc'), join(root, 'pids/kctl-x/abc')]);
    expect(plan.writes.map(({ path, value, optional }) => [path.slice(root.length + 1), value, optional ?? false])).toEqual([
      ['memory/kctl-x/abc/memory.limit_in_bytes', '1024', false],
      ['memory/kctl-x/abc/memory.memsw.limit_in_bytes', '1024', true],
      ['cpu/kctl-x/abc/cpu.cfs_period_us', '100000', false],
      ['cpu/kctl-x/abc/cpu.cfs_quota_us', '50000', false],
      ['cpu/kctl-x/abc/cpu.shares', '512', false],
      ['pids/kctl-x/abc/pids.max', '5', false],
    ]);
  });

  it('creates only the controllers a limit needs', () => {
    expect(planContainerCgroups({ version: 1, root }, 'p', 'id', { cpuShares: 2 }).dirs).toEqual([join(root, 'cpu/p/id')]);
    expect(planContainerCgroups({ version: 1, root }, 'p', 'id', {})).toEqual({ dirs: [], writes: [] });
  });
});

describe('planContainerCgroups on cgroup v2', () => {
  it('uses one dir, delegates the controllers from the root down and writes v2 files', () => {
    const plan = planContainerCgroups({ version: 2, root }, 'kctl-x', 'abc', { memoryLimitBytes: 1024, cpuQuotaMicros: 50_000, cpuShares: 1024, pidsLimit: 5 });
    expect(plan.dirs).toEqual([join(root, 'kctl-x/abc')]);
    expect(plan.writes.map(({ path, value }) => [path.slice(root.length + 1), value])).toEqual([
      ['cgroup.subtree_control', '+memory +cpu +pids'],
      ['kctl-x/cgroup.subtree_control', '+memory +cpu +pids'],
      ['kctl-x/abc/memory.max', '1024'],
      ['kctl-x/abc/memory.swap.max', '0'],
      ['kctl-x/abc/cpu.max', '50000 100000'],
      ['kctl-x/abc/cpu.weight', '39'],
      ['kctl-x/abc/pids.max', '5'],
    ]);
  });

  it('converts shares to weights as runc does', () => {
    expect([2, 1024, 262_144, 1].map(cpuSharesToWeight)).toEqual([1, 39, 10_000, 1]);
  });
});

describe('probeCgroups', () => {
  it.skipIf(!isRoot)('finds the writable v1 controllers by their marker files', async () => {
    v1Layout({ memory: 'memory.limit_in_bytes', cpu: 'cpu.shares' });
    const hierarchy = await probeCgroups(root);
    expect(hierarchy.version).toBe(1);
    expect([...hierarchy.usable]).toEqual(['memory', 'cpu']);
    expect(cgroupParentDirs(hierarchy, 'p')).toEqual(['memory', 'cpu', 'pids'].map((c) => join(root, c, 'p')));
  });

  it.skipIf(!isRoot)('reads v2 controllers from cgroup.controllers', async () => {
    writeFileSync(join(root, 'cgroup.controllers'), 'cpuset cpu io memory hugetlb pids rdma\n');
    const hierarchy = await probeCgroups(root);
    expect({ version: hierarchy.version, usable: [...hierarchy.usable] }).toEqual({ version: 2, usable: ['memory', 'cpu', 'pids'] });
    expect(cgroupParentDirs(hierarchy, 'p')).toEqual([join(root, 'p')]);
  });

  it('finds nothing where nothing is mounted', async () => {
    expect([...(await probeCgroups(join(root, 'missing'))).usable]).toEqual([]);
  });
});

describe('createCgroups and ContainerCgroupLimits', () => {
  it('writes a v2 plan into the tree', async () => {
    writeFileSync(join(root, 'cgroup.controllers'), 'cpu memory pids\n');
    await createCgroups(planContainerCgroups({ version: 2, root }, 'p', 'id', { cpuQuotaMicros: 20_000, pidsLimit: 7 }));
    expect([read('cgroup.subtree_control'), read('p/cgroup.subtree_control'), read('p/id/cpu.max'), read('p/id/pids.max')]).toEqual([
      '+cpu +pids',
      '+cpu +pids',
      '20000 100000',
      '7',
    ]);
  });

  it.skipIf(!isRoot)('enforces what the machine can and warns about the rest', async () => {
    v1Layout({ memory: 'memory.limit_in_bytes', cpu: 'cpu.shares' });
    const warnings: string[] = [];
    const limits = new ContainerCgroupLimits({ root, parent: 'p', onWarning: (message) => warnings.push(message) });
    const dirs = await limits.create('id', launch({ memoryLimitBytes: 4096, cpuShares: 100, pidsLimit: 3 }));
    expect(dirs).toEqual([join(root, 'memory/p/id'), join(root, 'cpu/p/id')]);
    expect([read('memory/p/id/memory.limit_in_bytes'), read('cpu/p/id/cpu.shares')]).toEqual(['4096', '100']);
    expect(warnings).toEqual([`pids limit not enforced: cgroup v1 pids is not writable at ${root}/pids`]);
  });

  it('warns about every limit without a cgroup parent and creates nothing', async () => {
    const warnings: string[] = [];
    const limits = new ContainerCgroupLimits({ root, onWarning: (message) => warnings.push(message) });
    expect(await limits.create('id', launch({ cpuQuotaMicros: 1000, pidsLimit: 3 }))).toEqual([]);
    expect(warnings).toEqual(['cpu limit not enforced: no cgroup parent configured', 'pids limit not enforced: no cgroup parent configured']);
  });
});
