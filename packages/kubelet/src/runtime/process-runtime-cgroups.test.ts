// CPU and pids limits through per-container cgroups (real shims, the machine's cgroups; root
// only): the files hold the limits while the container runs, only the container (not its shim)
// is inside, exec joins them, pids.max stops the process that would exceed it, and nothing
// outlives the container. Memory limits: process-runtime-memory.test.ts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cgroupParentDirs, cgroupParentFor, DEFAULT_CGROUP_ROOT, probeCgroups } from './container-cgroups.js';
import { ProcessRuntime } from './process-runtime.js';
import { RuntimeFixture, criRecords, eventually, readOr, testPod } from './process-runtime.test-support.js';

const hierarchy = await probeCgroups(DEFAULT_CGROUP_ROOT);
const usable = hierarchy.version === 1 && hierarchy.usable.has('cpu') && hierarchy.usable.has('pids');
/** Runs until SIGKILLed: SIGTERM (from stop) is ignored, by the shell and, inherited, by sleep. */
const IGNORE_TERM = 'trap "" TERM; while :; do sleep 0.05; done';

let fixture: RuntimeFixture;
let runtime: ProcessRuntime;
let cgroupParent: string;
beforeEach(() => {
  fixture = new RuntimeFixture();
  cgroupParent = cgroupParentFor(fixture.root);
  runtime = new ProcessRuntime({ stateDir: fixture.stateDir, shimPath: fixture.shimPath, pollIntervalMs: 50, cgroupParent });
});
afterEach(async () => {
  await fixture.cleanUp();
  await runtime.removeCgroups();
});

const cgroupDir = (controller: string, id: string) => join(DEFAULT_CGROUP_ROOT, controller, cgroupParent, id);
const members = (dir: string) => readOr(join(dir, 'cgroup.procs')).split('\n').filter(Boolean).map(Number);

describe.skipIf(!usable)('ProcessRuntime: cpu and pids limits (cgroup v1)', () => {
  it('writes quota, period, shares and pids.max, puts only the container inside, and exec joins it', async () => {
    const launch = fixture.launch(['sh', '-c', IGNORE_TERM], { cpuQuotaMicros: 50_000, cpuShares: 512, pidsLimit: 64 });
    const id = await runtime.start(testPod, launch);
    const cpu = cgroupDir('cpu', id);
    const pids = cgroupDir('pids', id);
    expect((await fixture.dir(id).readMeta())?.cgroups).toEqual([cpu, pids]);
    expect(['cpu.cfs_period_us', 'cpu.cfs_quota_us', 'cpu.shares'].map((file) => readOr(join(cpu, file)).trim())).toEqual(['100000', '50000', '512']);
    expect(readOr(join(pids, 'pids.max')).trim()).toBe('64');
    const container = (await fixture.dir(id).readProcess())?.pid;
    const shim = await fixture.dir(id).readShimPid();
    for (const dir of [cpu, pids]) {
      expect(members(dir)).toContain(container);
      expect(members(dir)).not.toContain(shim);
    }

    let output = '';
    const stdout = new PassThrough().on('data', (chunk: Buffer) => (output += chunk.toString()));
    expect(await runtime.exec(id, ['cat', '/proc/self/cgroup'], { stdout, tty: false })).toBe(0);
    expect(output).toMatch(new RegExp(`^\\d+:pids:/${cgroupParent}/${id}$`, 'm'));
    expect(output).toMatch(new RegExp(`^\\d+:cpu(,cpuacct)?:/${cgroupParent}/${id}$`, 'm'));

    await runtime.stop(id, 0);
    expect([existsSync(cpu), existsSync(pids)]).toEqual([false, false]);
    await runtime.removeCgroups();
    expect(cgroupParentDirs(hierarchy, cgroupParent).filter((dir) => existsSync(dir))).toEqual([]);
  }, 20_000);

  it('refuses the process that would exceed pids.max', async () => {
    // The shell is the first of 5 processes: 4 sleeps fit, the fifth sleep is the sixth process.
    const script = 'i=0; while [ $i -lt 6 ]; do sleep 30 & i=$((i+1)); echo started $i; done; echo all started';
    const launch = fixture.launch(['sh', '-c', script], { pidsLimit: 5 });
    const id = await runtime.start(testPod, launch);
    const messages = await eventually(() => {
      const records = criRecords(launch.logPath).map(([, , text]) => text);
      return records.some((text) => /fork/i.test(text)) && records;
    });
    expect(messages).toEqual(expect.arrayContaining(['started 1', 'started 4', expect.stringMatching(/can(no|')t fork/i)]));
    expect(messages).not.toContain('started 5');
    expect(messages).not.toContain('all started');
    await runtime.stop(id, 0);
  }, 20_000);
});
