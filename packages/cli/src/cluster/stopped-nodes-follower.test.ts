// The supervisor's side of stop-node/start-node with a fake process table: a listed node's
// kubelet is stopped and kept down, an unlisted one started again, and what was applied is
// recorded for the CLI.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { clusterPaths } from './paths.js';
import type { ClusterPaths } from './paths.js';
import { followStoppedNodes } from './stopped-nodes-follower.js';
import type { NodeProcesses, StoppedNodesFollower } from './stopped-nodes-follower.js';
import { readNodeList, writeNodeList } from './stopped-nodes-file.js';

class FakeProcesses implements NodeProcesses {
  readonly stopped = new Set<string>();
  readonly calls: string[] = [];
  async stopComponent(name: string): Promise<void> {
    this.calls.push(`stop ${name}`);
    this.stopped.add(name);
  }
  startComponent(name: string): void {
    this.calls.push(`start ${name}`);
    this.stopped.delete(name);
  }
  state(name: string) {
    return { state: this.stopped.has(name) ? ('stopped' as const) : ('running' as const) };
  }
}

let dir: string;
let paths: ClusterPaths;
let follower: StoppedNodesFollower | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kctl-stopped-nodes-'));
  paths = clusterPaths(dir);
  mkdirSync(paths.runDir, { recursive: true });
});

afterEach(() => {
  follower?.dispose();
  follower = undefined;
  rmSync(dir, { recursive: true, force: true });
});

it('stops a listed node, keeps it down, starts it once unlisted, and records what it applied', async () => {
  // Left over from an earlier run: forgotten at start.
  writeNodeList(paths.stoppedNodesFile, ['a']);
  const processes = new FakeProcesses();
  follower = followStoppedNodes(paths, ['a', 'b'], processes, () => {});
  await follower.sync();
  expect(processes.calls).toEqual([]);

  writeNodeList(paths.stoppedNodesFile, ['b', 'not-a-node']);
  await follower.sync();
  expect(processes.calls).toEqual(['stop kubelet-b']);
  expect(readNodeList(paths.appliedStoppedNodesFile)).toEqual(['b']);

  writeNodeList(paths.stoppedNodesFile, []);
  await follower.sync();
  expect(processes.calls).toEqual(['stop kubelet-b', 'start kubelet-b']);
  expect(readNodeList(paths.appliedStoppedNodesFile)).toEqual([]);

  follower.dispose();
  expect(readNodeList(paths.stoppedNodesFile)).toEqual([]);
});

it('notices the file change by itself (fs.watch)', async () => {
  const processes = new FakeProcesses();
  follower = followStoppedNodes(paths, ['a'], processes, () => {});
  await follower.sync();
  writeNodeList(paths.stoppedNodesFile, ['a']);
  const deadline = Date.now() + 1_500;
  while (!readNodeList(paths.appliedStoppedNodesFile).includes('a') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(processes.calls).toEqual(['stop kubelet-a']);
});
