// A whole cluster as a user starts it: `kctl cluster up --detach` in a temp data dir on a free
// port, stopped with `kctl cluster down` (which also stops every workload) and the directory
// removed. By default the control plane only (API server); ask for nodes to run pods.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient, connectionFromKubeconfig, loadKubeconfig } from '@kctl/shared';
import { kctl } from './run-cli.js';

export interface ClusterOptions {
  /** Kubelets to start (`--nodes`); 0, the default, runs no kubelet. */
  nodes?: number;
  /** Run the scheduler; defaults to true when there are nodes. */
  scheduler?: boolean;
  /** Passed to every kubelet (`--kubelet-arg=...`), e.g. shorter back-off and probe periods. */
  kubeletArgs?: string[];
  schedulerArgs?: string[];
  /** Passed to the controller manager (`--controller-manager-arg=...`), e.g. a short node monitor grace period. */
  controllerManagerArgs?: string[];
}

export interface TestCluster {
  dataDir: string;
  kubeconfig: string;
  client: ApiClient;
  /** Node names in start order, as the `up` output announced them. */
  nodes: string[];
  /** The running pid of a component (apiserver, scheduler, kubelet-<node>), from run/. */
  pidOf(component: string): number;
  stop(): Promise<void>;
}

/** Short enough for tests to see back-off and heartbeats in seconds; the logic stays the real one. */
export const FAST_KUBELET_ARGS = ['--backoff-base-ms=1000', '--backoff-max-ms=4000', '--node-status-update-seconds=1'];

function upArgs(dataDir: string, options: ClusterOptions): string[] {
  const nodes = options.nodes ?? 0;
  const scheduler = options.scheduler ?? nodes > 0;
  return [
    'cluster', 'up', '--data-dir', dataDir, '--port', '0', '--detach',
    '--nodes', String(nodes),
    ...(scheduler ? [] : ['--no-scheduler']),
    ...(options.kubeletArgs ?? []).map((arg) => `--kubelet-arg=${arg}`),
    ...(options.schedulerArgs ?? []).map((arg) => `--scheduler-arg=${arg}`),
    ...(options.controllerManagerArgs ?? []).map((arg) => `--controller-manager-arg=${arg}`),
  ];
}

/** "Nodes (Ready): a, b" from the `up` output. */
function announcedNodes(upOutput: string): string[] {
  const line = /^Nodes \(Ready\): (.+)$/m.exec(upOutput)?.[1];
  return line ? line.split(', ') : [];
}

export async function startCluster(options: ClusterOptions = {}): Promise<TestCluster> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kctl-cluster-'));
  const kubeconfig = join(dataDir, 'kubeconfig');
  const up = await kctl(kubeconfig, upArgs(dataDir, options));
  if (up.exitCode !== 0) {
    // `up` stops what it started when it fails; still make sure, then drop the directory.
    await kctl(kubeconfig, ['cluster', 'down', '--data-dir', dataDir]);
    await rm(dataDir, { recursive: true, force: true });
    throw new Error(`kctl cluster up failed: ${up.stderr}`);
  }
  const client = new ApiClient(connectionFromKubeconfig(loadKubeconfig(kubeconfig)));
  return {
    dataDir,
    kubeconfig,
    client,
    nodes: announcedNodes(up.stdout),
    pidOf(component) {
      const pid = Number(readFileSync(join(dataDir, 'run', `${component}.pid`), 'utf8').trim());
      if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no pid for ${component}`);
      return pid;
    },
    async stop() {
      client.close();
      let down = await kctl(kubeconfig, ['cluster', 'down', '--data-dir', dataDir]);
      if (down.exitCode !== 0) down = await kctl(kubeconfig, ['cluster', 'down', '--data-dir', dataDir]);
      // A failed down may leave processes that still use the directory (and whose pid files in
      // it are the only way to find them): keep it for whoever looks into the failure.
      if (down.exitCode !== 0) throw new Error(`kctl cluster down failed, ${dataDir} kept: ${down.stderr}\n${down.stdout}`);
      await rm(dataDir, { recursive: true, force: true });
      // A warning here means some workload may still run: that fails the test, loudly.
      if (down.stderr) throw new Error(`kctl cluster down warned: ${down.stderr}\n${down.stdout}`);
    },
  };
}
