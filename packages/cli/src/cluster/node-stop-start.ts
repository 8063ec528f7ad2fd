// `kctl cluster stop-node NAME` / `start-node NAME`: a failure drill for one node. stop-node asks
// the running supervisor (through run/stopped-nodes.json) to stop that node's kubelet and keep
// it down; the containers keep running, as on a node whose kubelet died, so the control plane
// sees the node go silent. start-node brings the kubelet back and waits for the node to be Ready.
import { setTimeout as sleep } from 'node:timers/promises';
import { API_SERVER, kubeletComponentName } from './components.js';
import { componentPidIfRunning, runningSupervisorPid } from './cluster-state.js';
import { readClusterPlan } from './cluster-plan-file.js';
import { apiServerUrl } from './kubeconfig-files.js';
import { probeNode } from './node-readiness.js';
import type { ClusterPaths } from './paths.js';
import { readKeptPorts } from './ports.js';
import { DEFAULT_STOP_TIMEOUT_MS } from './processes.js';
import { READY_TIMEOUT_MS } from './readiness.js';
import { readNodeList, writeNodeList } from './stopped-nodes-file.js';

const POLL_MS = 50;
/** The supervisor stops a kubelet with SIGTERM and SIGKILLs it after DEFAULT_STOP_TIMEOUT_MS. */
const STOP_WAIT_MS = DEFAULT_STOP_TIMEOUT_MS + 5_000;

export interface NodeCommandIo {
  print(line: string): void;
  timeoutMs?: number;
}

/** The cluster's node list, or an error that says why the command cannot act. */
function clusterNodes(paths: ClusterPaths, node: string): void {
  if (runningSupervisorPid(paths) === undefined) throw new Error(`no cluster is running in ${paths.dataDir}`);
  const nodes = readClusterPlan(paths.planFile)?.nodes ?? [];
  if (!nodes.includes(node)) {
    throw new Error(`node "${node}" is not one of this cluster's nodes (${nodes.length > 0 ? nodes.join(', ') : 'it has none'})`);
  }
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
}

export async function stopNode(paths: ClusterPaths, node: string, io: NodeCommandIo): Promise<void> {
  clusterNodes(paths, node);
  writeNodeList(paths.stoppedNodesFile, [...readNodeList(paths.stoppedNodesFile), node]);
  const applied = await waitFor(() => readNodeList(paths.appliedStoppedNodesFile).includes(node), io.timeoutMs ?? STOP_WAIT_MS);
  if (!applied) throw new Error(`the supervisor did not stop the kubelet of node "${node}" in time (see ${paths.supervisorLog})`);
  io.print(`Node "${node}" stopped: its kubelet is down until "kctl cluster start-node ${node}"; its containers keep running`);
}

export async function startNode(paths: ClusterPaths, node: string, io: NodeCommandIo): Promise<void> {
  clusterNodes(paths, node);
  writeNodeList(paths.stoppedNodesFile, readNodeList(paths.stoppedNodesFile).filter((n) => n !== node));
  const timeoutMs = io.timeoutMs ?? READY_TIMEOUT_MS;
  const kubelet = kubeletComponentName(node);
  const started = await waitFor(
    () => !readNodeList(paths.appliedStoppedNodesFile).includes(node) && componentPidIfRunning(paths, kubelet) !== undefined,
    timeoutMs,
  );
  if (!started) throw new Error(`the supervisor did not start the kubelet of node "${node}" in time (see ${paths.supervisorLog})`);
  const port = readKeptPorts(paths.portsFile)[API_SERVER];
  if (port === undefined) throw new Error(`no API server port is recorded in ${paths.portsFile}`);
  const server = apiServerUrl(port);
  // A kubelet back from the dead posts Ready at its first heartbeat; the node lifecycle controller then lifts its taints.
  const ready = await waitFor(async () => (await probeNode(server, node)) === 'Ready', timeoutMs);
  if (!ready) throw new Error(`node "${node}" did not become Ready within ${timeoutMs / 1000}s (see ${paths.componentLog(kubelet)})`);
  io.print(`Node "${node}" started (kubelet pid ${componentPidIfRunning(paths, kubelet) ?? '?'}) and Ready`);
}
