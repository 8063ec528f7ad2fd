// The supervisor's side of stop-node/start-node: it follows run/stopped-nodes.json, stopping a
// listed node's kubelet (SIGTERM by pid: the kubelet leaves its containers running, like a
// node whose kubelet died) and keeping it down, and starting it again once it is unlisted;
// then it records what it applied in run/stopped-nodes.applied.json for the waiting CLI.
// fs.watch makes it prompt; a slow periodic pass catches any event the watch missed.
import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { basename } from 'node:path';
import { kubeletComponentName } from './components.js';
import type { ClusterPaths } from './paths.js';
import { readNodeList, removeNodeList, writeNodeList } from './stopped-nodes-file.js';

/** The part of the Supervisor this needs (tests pass a fake). */
export interface NodeProcesses {
  stopComponent(name: string): Promise<void>;
  startComponent(name: string): void;
  state(name: string): { state: 'running' | 'restarting' | 'stopped' };
}

const RESYNC_MS = 2_000;

export interface StoppedNodesFollower {
  /** Resolves once the current file has been applied (tests). */
  sync(): Promise<void>;
  dispose(): void;
}

export function followStoppedNodes(
  paths: Pick<ClusterPaths, 'runDir' | 'stoppedNodesFile' | 'appliedStoppedNodesFile'>,
  nodes: readonly string[],
  processes: NodeProcesses,
  log: (line: string) => void,
): StoppedNodesFollower {
  // A new cluster run starts with every node up: forget what an earlier run was told.
  removeNodeList(paths.stoppedNodesFile);
  removeNodeList(paths.appliedStoppedNodesFile);
  let applied: string[] = [];
  let disposed = false;
  let running = Promise.resolve();

  const apply = async (): Promise<void> => {
    if (disposed) return;
    const wanted = new Set(readNodeList(paths.stoppedNodesFile).filter((node) => nodes.includes(node)));
    for (const node of nodes) {
      const name = kubeletComponentName(node);
      if (wanted.has(node)) {
        if (!applied.includes(node)) log(`stopping ${name}: node ${node} was stopped (kctl cluster stop-node)`);
        await processes.stopComponent(name);
      } else if (!disposed && processes.state(name).state === 'stopped') {
        // (Never once disposed: the supervisor is then stopping everything on purpose.)
        log(`starting ${name}: node ${node} was started (kctl cluster start-node)`);
        processes.startComponent(name);
      }
    }
    const now = [...wanted].sort();
    if (disposed || now.join() === applied.join()) return;
    applied = now;
    writeNodeList(paths.appliedStoppedNodesFile, applied);
  };
  // One pass at a time, in order: a start must not overtake the stop before it.
  const sync = (): Promise<void> => (running = running.then(apply).catch((err: unknown) => log(`applying stopped nodes failed: ${(err as Error).message}`)));

  const file = basename(paths.stoppedNodesFile);
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(paths.runDir, (_event, filename) => {
      if (filename === file) void sync();
    });
    watcher.on('error', () => {});
  } catch {
    // No inotify: the periodic pass alone still applies the file.
  }
  const timer = setInterval(() => void sync(), RESYNC_MS);
  timer.unref();
  void sync();
  return {
    sync,
    dispose: () => {
      disposed = true;
      watcher?.close();
      clearInterval(timer);
      removeNodeList(paths.stoppedNodesFile);
      removeNodeList(paths.appliedStoppedNodesFile);
    },
  };
}
