// `down` against stand-in processes: a fake supervisor, an orphaned component, and a pid file
// that now names an unrelated process (which must survive).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clusterDown } from './down.js';
import { writeClusterKubeconfig } from './kubeconfig-files.js';
import { clusterPaths, ensureClusterDirs } from './paths.js';
import type { ClusterPaths } from './paths.js';
import { writePidFile } from './pid-files.js';

let paths: ClusterPaths;
const children: ChildProcess[] = [];
const fakeKubelet = fileURLToPath(new URL('fixtures/fake-kubelet.mjs', import.meta.url));
const fastTimeouts = { supervisorMs: 2_000, componentMs: 2_000, workloadsMs: 5_000 };

beforeEach(() => {
  paths = clusterPaths(mkdtempSync(join(tmpdir(), 'kctl-down-')));
  ensureClusterDirs(paths);
});

afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
  }
  rmSync(paths.dataDir, { recursive: true, force: true });
});

/** Starts `node -e script ...args` and resolves once it printed "ready" (its handlers are set). */
async function startNode(script: string, args: string[]): Promise<ChildProcess & { pid: number }> {
  // `--` keeps node from reading the stand-in's flags as its own.
  const child = spawn(process.execPath, ['-e', script, '--', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.once('exit', () => reject(new Error('stand-in exited early')));
  });
  return child as ChildProcess & { pid: number };
}

/**
 * Whether our child has exited. `down` treats a zombie as gone (its command line is empty), so
 * the pid may still answer kill(0) for a moment until Node reaps it: wait for the exit event.
 */
function exitsSoon(child: ChildProcess): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), 1_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** The pid of a process that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

const idle = 'setInterval(() => {}, 1000); console.log("ready");';

function collect() {
  const lines: string[] = [];
  return { lines, print: (line: string) => lines.push(line) };
}

describe('cluster down', () => {
  it('asks the supervisor to stop and waits until it has exited', async () => {
    writeClusterKubeconfig(paths.kubeconfig, 'dev', 'http://127.0.0.1:1');
    // Like the real one: finishes its own shutdown a little after SIGTERM.
    const supervisor = await startNode(`process.on("SIGTERM", () => setTimeout(() => process.exit(0), 150)); ${idle}`, [
      'cluster', 'up', '--data-dir', paths.dataDir,
    ]);
    writePidFile(paths.supervisorPidFile, supervisor.pid);
    const { lines, print } = collect();

    expect(await clusterDown(paths, { print }, fastTimeouts)).toBe(true);
    expect(await exitsSoon(supervisor)).toBe(true);
    expect(lines).toEqual(['Cluster "dev" stopped']);
    expect(existsSync(paths.supervisorPidFile)).toBe(false);
  });

  it('SIGKILLs a supervisor that does not stop in time', async () => {
    const supervisor = await startNode(`process.on("SIGTERM", () => {}); ${idle}`, ['cluster', 'up']);
    writePidFile(paths.supervisorPidFile, supervisor.pid);
    expect(await clusterDown(paths, { print: () => {} }, { ...fastTimeouts, supervisorMs: 200, componentMs: 200 })).toBe(true);
    expect(await exitsSoon(supervisor)).toBe(true);
    expect(supervisor.signalCode).toBe('SIGKILL');
  });

  it('stops components left behind by a dead supervisor', async () => {
    const orphan = await startNode(idle, ['--data-dir', paths.dataDir]);
    writePidFile(paths.supervisorPidFile, await deadPid());
    writePidFile(paths.componentPidFile('apiserver'), orphan.pid);
    const { lines, print } = collect();

    expect(await clusterDown(paths, { print }, fastTimeouts)).toBe(true);
    expect(await exitsSoon(orphan)).toBe(true);
    expect(orphan.signalCode).toBe('SIGTERM');
    expect(lines).toEqual(['Cluster "kctl" stopped']);
    expect(existsSync(paths.componentPidFile('apiserver'))).toBe(false);
  });

  it('never signals a process whose pid was reused by something else', async () => {
    const stranger = await startNode(idle, ['--unrelated']);
    writePidFile(paths.supervisorPidFile, stranger.pid);
    writePidFile(paths.componentPidFile('apiserver'), stranger.pid);
    const { lines, print } = collect();

    expect(await clusterDown(paths, { print }, fastTimeouts)).toBe(false);
    expect(await exitsSoon(stranger)).toBe(false);
    expect(lines).toEqual([`No cluster is running in ${paths.dataDir}`]);
    expect(existsSync(paths.supervisorPidFile)).toBe(false);
  });

  it('stops the workloads of every node through the kubelet bundle, even with no supervisor left', async () => {
    // A container outlives its kubelet by design; the fake kubelet keeps its pid under its root dir.
    const workload = await startNode(idle, ['fake-workload']);
    mkdirSync(paths.nodeRootDir('vm'), { recursive: true });
    writeFileSync(join(paths.nodeRootDir('vm'), 'workload.pid'), `${workload.pid}\n`);
    const { lines, print } = collect();

    expect(await clusterDown(paths, { print, env: { KCTL_KUBELET_ENTRY: fakeKubelet } }, fastTimeouts)).toBe(false);
    expect(await exitsSoon(workload)).toBe(true);
    expect(readFileSync(join(paths.nodeRootDir('vm'), 'stopped-all'), 'utf8')).toBe(`${workload.pid}\n`);
    expect(lines).toEqual(['Node "vm": workloads stopped', `No cluster is running in ${paths.dataDir}`]);
  });

  it('warns when a node\'s workloads cannot be stopped', async () => {
    mkdirSync(paths.nodeRootDir('vm'), { recursive: true });
    const broken = join(paths.dataDir, 'broken-kubelet.mjs');
    writeFileSync(broken, 'console.error("stop failed: runtime state unreadable"); process.exit(2);\n');
    const warnings: string[] = [];
    await clusterDown(paths, { print: () => {}, warn: (line) => warnings.push(line), env: { KCTL_KUBELET_ENTRY: broken } }, fastTimeouts);
    expect(warnings).toEqual(['warning: node "vm": could not stop its workloads: stop failed: runtime state unreadable']);
  });

  it('reports when nothing runs', async () => {
    const { lines, print } = collect();
    expect(await clusterDown(paths, { print }, fastTimeouts)).toBe(false);
    expect(lines).toEqual([`No cluster is running in ${paths.dataDir}`]);
  });
});
