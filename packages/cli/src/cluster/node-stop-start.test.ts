// stop-node/start-node's CLI side: its refusals, its request in run/stopped-nodes.json, and its
// wait for the supervisor's answer (a stand-in "supervisor" process holds the pid file here).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { writeClusterPlan } from './cluster-plan-file.js';
import { stopNode } from './node-stop-start.js';
import { clusterPaths, ensureClusterDirs } from './paths.js';
import type { ClusterPaths } from './paths.js';
import { writePidFile } from './pid-files.js';
import { readNodeList, writeNodeList } from './stopped-nodes-file.js';

let dir: string;
let paths: ClusterPaths;
let supervisor: ChildProcess | undefined;
const printed: string[] = [];
const io = { print: (line: string) => void printed.push(line), timeoutMs: 300 };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kctl-node-stop-'));
  paths = clusterPaths(dir);
  ensureClusterDirs(paths);
  printed.length = 0;
});

afterEach(() => {
  if (supervisor?.pid !== undefined && supervisor.exitCode === null) process.kill(supervisor.pid, 'SIGKILL');
  supervisor = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** A process whose command line looks like `kctl cluster up`, as the pid file check wants. */
function fakeSupervisor(): void {
  supervisor = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', 'cluster', 'up'], { stdio: 'ignore' });
  writePidFile(paths.supervisorPidFile, supervisor.pid!);
  writeClusterPlan(paths.planFile, { components: ['apiserver', 'kubelet-a'], nodes: ['a'] });
}

it('refuses without a running cluster, and for a node the cluster does not have', async () => {
  await expect(stopNode(paths, 'a', io)).rejects.toThrow(`no cluster is running in ${dir}`);
  fakeSupervisor();
  await expect(stopNode(paths, 'b', io)).rejects.toThrow('node "b" is not one of this cluster\'s nodes (a)');
  expect(readNodeList(paths.stoppedNodesFile)).toEqual([]);
});

it('asks the supervisor through the file and reports once it has applied it', async () => {
  fakeSupervisor();
  await expect(stopNode(paths, 'a', io)).rejects.toThrow('the supervisor did not stop the kubelet of node "a" in time');
  expect(readNodeList(paths.stoppedNodesFile)).toEqual(['a']);
  writeNodeList(paths.appliedStoppedNodesFile, ['a']);
  await stopNode(paths, 'a', io);
  expect(printed).toEqual(['Node "a" stopped: its kubelet is down until "kctl cluster start-node a"; its containers keep running']);
});
