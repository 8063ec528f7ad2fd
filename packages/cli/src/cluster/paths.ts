// Where a cluster keeps its state. Every command derives its paths from here so `up`, `status`
// and `down` can never disagree about the layout of a data directory.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface ClusterPaths {
  dataDir: string;
  /** LevelDB directory, opened by the API server only. */
  db: string;
  kubeconfig: string;
  logsDir: string;
  runDir: string;
  supervisorPidFile: string;
  supervisorLog: string;
  /** Ports chosen for this data dir; kept across `up`s so kubeconfigs stay valid. */
  portsFile: string;
  /** What the running supervisor runs (components, nodes), for `status`; see cluster-plan-file.ts. */
  planFile: string;
  /** Which derivation of the cluster's network names this data dir settled on; kept like ports.json. */
  networkFile: string;
  /** Nodes `kctl cluster stop-node` wants down, and those the supervisor has stopped (stopped-nodes-file.ts). */
  stoppedNodesFile: string;
  appliedStoppedNodesFile: string;
  /** Holds one directory per node: nodes/<node>/ is that kubelet's --root-dir. */
  nodesDir: string;
  nodeRootDir(node: string): string;
  componentLog(component: string): string;
  componentPidFile(component: string): string;
}

export const PID_FILE_SUFFIX = '.pid';
export const SUPERVISOR = 'supervisor';

/** `KCTL_HOME`, else `~/.kctl`. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.KCTL_HOME ? resolve(env.KCTL_HOME) : join(homedir(), '.kctl');
}

export function clusterPaths(dataDir: string): ClusterPaths {
  const root = resolve(dataDir);
  const logsDir = join(root, 'logs');
  const runDir = join(root, 'run');
  return {
    dataDir: root,
    db: join(root, 'db'),
    kubeconfig: join(root, 'kubeconfig'),
    logsDir,
    runDir,
    supervisorPidFile: join(runDir, SUPERVISOR + PID_FILE_SUFFIX),
    supervisorLog: join(logsDir, `${SUPERVISOR}.log`),
    portsFile: join(runDir, 'ports.json'),
    planFile: join(runDir, 'cluster.json'),
    networkFile: join(runDir, 'network.json'),
    stoppedNodesFile: join(runDir, 'stopped-nodes.json'),
    appliedStoppedNodesFile: join(runDir, 'stopped-nodes.applied.json'),
    nodesDir: join(root, 'nodes'),
    nodeRootDir: (node) => join(root, 'nodes', node),
    componentLog: (component) => join(logsDir, `${component}.log`),
    componentPidFile: (component) => join(runDir, component + PID_FILE_SUFFIX),
  };
}

/** Creates the directories `up` writes into (the API server creates `db/` itself). */
export function ensureClusterDirs(paths: ClusterPaths): void {
  mkdirSync(paths.logsDir, { recursive: true });
  mkdirSync(paths.runDir, { recursive: true });
}
