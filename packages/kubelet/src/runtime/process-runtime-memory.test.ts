// Memory limits through per-container cgroups (cgroup v1): an allocation past the limit is
// OOM-killed and reported as such, a plain SIGKILL is not, and no cgroup outlives its container.
// Skipped where this process cannot create memory cgroups (not root, no cgroup v1).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cgroupParentFor, DEFAULT_CGROUP_ROOT, probeCgroups, removeCgroupDir } from './container-cgroups.js';
import { ProcessRuntime } from './process-runtime.js';
import { RuntimeFixture, criRecords, eventually, readOr, testPod } from './process-runtime.test-support.js';

const usable = (await probeCgroups(DEFAULT_CGROUP_ROOT)).usable.has('memory');
const MEMORY_ROOT = join(DEFAULT_CGROUP_ROOT, 'memory');
const MIB = 1024 * 1024;
/** Doubles a shell string until the memory runs out. */
const ALLOCATE = 'x=a; while true; do x="$x$x"; done';
/** Runs until SIGKILLed: SIGTERM (from stop) is ignored, by the shell and, inherited, by sleep. */
const IGNORE_TERM = 'trap "" TERM; echo ignoring; while :; do sleep 0.05; done';

let fixture: RuntimeFixture;
let runtime: ProcessRuntime;
let parentDir: string;
beforeEach(() => {
  fixture = new RuntimeFixture();
  const cgroupParent = cgroupParentFor(fixture.root);
  parentDir = join(MEMORY_ROOT, cgroupParent);
  runtime = new ProcessRuntime({ stateDir: fixture.stateDir, shimPath: fixture.shimPath, pollIntervalMs: 50, cgroupParent });
});
afterEach(async () => {
  await fixture.cleanUp();
  await removeCgroupDir(parentDir);
});

/** Starts IGNORE_TERM and waits until the trap is set: a stop() before that would end it with SIGTERM. */
async function startIgnoringTerm(limits: { memoryLimitBytes?: number }): Promise<string> {
  const launch = fixture.launch(['sh', '-c', IGNORE_TERM], limits);
  const id = await runtime.start(testPod, launch);
  await eventually(() => criRecords(launch.logPath).length > 0);
  return id;
}

describe.skipIf(!usable)('ProcessRuntime: memory limits', () => {
  it('runs the container in a cgroup with its limit and reports an OOM kill as exit 137, oomKilled', async () => {
    const id = await runtime.start(testPod, fixture.launch(['sh', '-c', ALLOCATE], { memoryLimitBytes: 32 * MIB }));
    const cgroup = join(parentDir, id);
    const meta = await fixture.dir(id).readMeta();
    expect(meta?.cgroups).toEqual([cgroup]);
    const state = await runtime.waitForExit(id);
    expect(state).toMatchObject({ status: 'exited', exitCode: 137, signal: 'SIGKILL', oomKilled: true });
    await runtime.remove(id);
    expect(existsSync(cgroup)).toBe(false);
    await runtime.removeCgroups();
    expect(existsSync(parentDir)).toBe(false);
  }, 20_000);

  it('puts only the container process in the cgroup, with the limit set', async () => {
    const id = await startIgnoringTerm({ memoryLimitBytes: 32 * MIB });
    const cgroup = join(parentDir, id);
    expect(readOr(join(cgroup, 'memory.limit_in_bytes')).trim()).toBe(String(32 * MIB));
    const members = readOr(join(cgroup, 'cgroup.procs')).split('\n').filter(Boolean).map(Number);
    const process = await fixture.dir(id).readProcess();
    expect(members).toContain(process?.pid);
    expect(members).not.toContain(await fixture.dir(id).readShimPid());
    await runtime.stop(id, 0);
    expect(await runtime.inspect(id)).toMatchObject({ status: 'exited', exitCode: 137 });
    expect(await runtime.inspect(id)).not.toHaveProperty('oomKilled');
    expect(existsSync(cgroup)).toBe(false);
  }, 20_000);

  it('does not call a SIGKILL by stop() an OOM kill for a container without a limit', async () => {
    const id = await startIgnoringTerm({});
    expect((await fixture.dir(id).readMeta())?.cgroups).toBeUndefined();
    await runtime.stop(id, 0);
    const state = await runtime.inspect(id);
    expect(state).toMatchObject({ status: 'exited', exitCode: 137 });
    expect(state).not.toHaveProperty('oomKilled');
    expect(existsSync(parentDir)).toBe(false);
  }, 20_000);
});

describe('ProcessRuntime: memory limits without cgroups', () => {
  it('starts the container without a limit and says so', async () => {
    const warnings: string[] = [];
    const plain = new ProcessRuntime({
      stateDir: fixture.stateDir,
      shimPath: fixture.shimPath,
      pollIntervalMs: 50,
      cgroupParent: 'kctl-test',
      cgroupRoot: join(fixture.root, 'no-cgroups'),
      onWarning: (message) => warnings.push(message),
    });
    const id = await plain.start(testPod, fixture.launch(['true'], { memoryLimitBytes: 32 * MIB }));
    expect(await plain.waitForExit(id)).toMatchObject({ status: 'exited', exitCode: 0 });
    expect(warnings).toEqual([expect.stringMatching(/memory limit not enforced/)]);
  });
});
