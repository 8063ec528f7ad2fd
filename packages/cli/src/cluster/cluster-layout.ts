// Settles everything a cluster's command lines embed before anything starts: the kubelets'
// ports (kept in run/ports.json next to the API server's, so a restarted kubelet and the Node
// endpoint it advertises stay valid) and their root directories.
import { mkdirSync } from 'node:fs';
import { kubeletComponentName } from './components.js';
import type { ClusterLayout, KubeletNode } from './components.js';
import { settleClusterNetwork } from './network-layout.js';
import { resolvePort } from './ports.js';
import type { UpOptions } from './up-options.js';

export async function settleClusterLayout(options: UpOptions, apiServerPort: number): Promise<ClusterLayout> {
  const { paths } = options;
  const nodes: KubeletNode[] = [];
  // One at a time: each choice is written to ports.json before the next, so none repeats.
  for (const name of options.nodes) {
    const port = await resolvePort(paths.portsFile, kubeletComponentName(name), undefined);
    mkdirSync(paths.nodeRootDir(name), { recursive: true });
    nodes.push({ name, port });
  }
  return {
    paths,
    apiServerPort,
    scheduler: options.scheduler,
    schedulerArgs: options.schedulerArgs,
    controllerManager: options.controllerManager,
    controllerManagerArgs: options.controllerManagerArgs,
    nodes,
    kubeletArgs: options.kubeletArgs,
    network: await settleClusterNetwork(paths),
  };
}
