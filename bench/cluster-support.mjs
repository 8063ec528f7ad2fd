// A whole cluster for the pod benchmarks: `kctl cluster up --detach` in a temp data dir (API
// server, scheduler, kubelets running real containers through the native shim), and reading the
// kubelet's and the shims' memory from /proc. `down()` runs `kctl cluster down`, which also stops
// every workload process, then removes the data dir.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KCTL_BIN } from './support.mjs';

export function startCluster({ nodes = 1, kubeletArgs = [] } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kctl-bench-pods-'));
  const down = () => {
    spawnSync(process.execPath, [KCTL_BIN, 'cluster', 'down', '--data-dir', dataDir], { encoding: 'utf8' });
    rmSync(dataDir, { recursive: true, force: true });
  };
  const args = ['cluster', 'up', '--data-dir', dataDir, '--port', '0', '--detach', '--nodes', String(nodes), ...kubeletArgs.map((a) => `--kubelet-arg=${a}`)];
  const up = spawnSync(process.execPath, [KCTL_BIN, ...args], { encoding: 'utf8' });
  if (up.status !== 0) {
    down(); // `up` may have started some components before failing
    throw new Error(`cluster up failed: ${up.stderr}`);
  }
  // The same files `kctl cluster status` reads (packages/cli/src/cluster/paths.ts).
  const ports = JSON.parse(readFileSync(join(dataDir, 'run', 'ports.json'), 'utf8'));
  const plan = JSON.parse(readFileSync(join(dataDir, 'run', 'cluster.json'), 'utf8'));
  return { dataDir, base: `http://127.0.0.1:${ports.apiserver}`, nodes: plan.nodes, down };
}

const kb = (text, field) => Number(text.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);

/**
 * VmRSS and VmHWM (peak) of a process, in MB, and its PSS: RSS counts shared pages (libc, say)
 * in full for every process, PSS splits them among their sharers, so summing PSS over many small
 * shims does not count libc a hundred times. undefined once the process has gone.
 */
export function processMemory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return { rssMb: kb(status, 'VmRSS') / 1024, hwmMb: kb(status, 'VmHWM') / 1024, pssMb: kb(rollup, 'Pss') / 1024 };
  } catch {
    return undefined;
  }
}

export function kubeletPid(cluster, node) {
  return Number(readFileSync(join(cluster.dataDir, 'run', `kubelet-${node}.pid`), 'utf8').trim());
}

/** The shim of every container instance on the node: nodes/<node>/containers/<id>/shim.pid. */
export function shimPids(cluster, node) {
  const stateDir = join(cluster.dataDir, 'nodes', node, 'containers');
  const pids = [];
  for (const id of readdirSync(stateDir)) {
    try {
      pids.push(Number(readFileSync(join(stateDir, id, 'shim.pid'), 'utf8').trim()));
    } catch {}
  }
  return pids;
}
