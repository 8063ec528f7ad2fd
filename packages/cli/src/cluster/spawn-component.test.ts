// Real tiny node processes under the real spawn function: logs, pid files, restarts, stop.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clusterPaths, ensureClusterDirs } from './paths.js';
import type { ClusterPaths } from './paths.js';
import { readPidFile } from './pid-files.js';
import { isProcessAlive } from './processes.js';
import { spawnComponentWithFiles } from './spawn-component.js';
import { Supervisor } from './supervisor.js';
import type { SupervisedComponent } from './supervisor.js';

let paths: ClusterPaths;
const startedPids = new Set<number>();

beforeEach(() => {
  paths = clusterPaths(mkdtempSync(join(tmpdir(), 'kctl-spawn-')));
  ensureClusterDirs(paths);
});

afterEach(() => {
  for (const pid of startedPids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  startedPids.clear();
  rmSync(paths.dataDir, { recursive: true, force: true });
});

function nodeComponent(name: string, script: string): SupervisedComponent {
  return { name, command: process.execPath, args: ['-e', script] };
}

function trackedSpawn() {
  const spawn = spawnComponentWithFiles(paths);
  return (component: SupervisedComponent) => {
    const child = spawn(component);
    startedPids.add(child.pid);
    return child;
  };
}

describe('spawnComponentWithFiles', () => {
  it('appends output to logs/<name>.log and keeps run/<name>.pid while running', async () => {
    const child = trackedSpawn()(nodeComponent('echo', 'console.log("hello"); console.error("oops"); setTimeout(() => {}, 200)'));
    expect(readPidFile(paths.componentPidFile('echo'))).toBe(child.pid);
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(readPidFile(paths.componentPidFile('echo'))).toBeUndefined();
    const log = readFileSync(paths.componentLog('echo'), 'utf8');
    expect(log).toMatch(/^--- .* starting echo: -e /);
    expect(log).toContain('hello\n');
    expect(log).toContain('oops\n');
  });

  it('lets a supervisor restart a crashing process and stop it by pid', async () => {
    const log: string[] = [];
    const crasher = nodeComponent('crasher', 'console.log("up", process.pid); setTimeout(() => process.exit(3), 50)');
    const supervisor = new Supervisor({
      components: [crasher],
      spawn: trackedSpawn(),
      backoff: { baseMs: 20, capMs: 40, resetAfterMs: 30_000 },
      log: (line) => log.push(line),
    });
    supervisor.start();
    const firstPid = supervisor.state('crasher').pid;
    await vi.waitFor(() => expect(log.filter((line) => line.startsWith('crasher started'))).toHaveLength(3), { timeout: 5_000 });
    expect(log).toContain(`crasher (pid ${firstPid}) exited unexpectedly with code 3`);
    expect(log.filter((line) => line.startsWith('restarting crasher in'))).toEqual(
      expect.arrayContaining(['restarting crasher in 20 ms', 'restarting crasher in 40 ms']),
    );
    expect(readFileSync(paths.componentLog('crasher'), 'utf8').match(/^up \d+$/gm)?.length).toBeGreaterThanOrEqual(2);

    await supervisor.stop();
    expect(supervisor.state('crasher').state).toBe('stopped');
    for (const pid of startedPids) expect(isProcessAlive(pid)).toBe(false);
    expect(readPidFile(paths.componentPidFile('crasher'))).toBeUndefined();
  });

  it('SIGKILLs a real process that ignores SIGTERM', async () => {
    const stubborn = nodeComponent('stubborn', 'process.on("SIGTERM", () => {}); console.log("ready"); setInterval(() => {}, 1000)');
    const log: string[] = [];
    const supervisor = new Supervisor({ components: [stubborn], spawn: trackedSpawn(), stopTimeoutMs: 200, log: (line) => log.push(line) });
    supervisor.start();
    // Wait until it has installed its SIGTERM handler, or SIGTERM would simply kill it.
    await vi.waitFor(() => expect(readFileSync(paths.componentLog('stubborn'), 'utf8')).toMatch(/^ready$/m), { timeout: 5_000 });
    const pid = supervisor.state('stubborn').pid!;
    await supervisor.stop();
    expect(isProcessAlive(pid)).toBe(false);
    expect(log).toContain(`stubborn (pid ${pid}) ignored SIGTERM for 200 ms; killing it`);
  });
});
