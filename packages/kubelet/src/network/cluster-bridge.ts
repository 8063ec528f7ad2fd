// The cluster's one Linux bridge, shared by every node of the cluster: whichever kubelet comes
// first creates it, later ones (and restarts) just make sure it carries the gateway and is up.
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { linkExists } from './pod-network-names.js';
import { CommandError, ipBatch, ipBatchChecked } from './run-command.js';

/**
 * Creates bridge NAME if missing and gives it GATEWAY (e.g. 10.X.0.1/16). Safe to run
 * concurrently from several kubelets: losing the creation race is fine, address add is a replace.
 */
export async function ensureClusterBridge(name: string, gatewayWithPrefix: string): Promise<void> {
  const configure = [`addr replace ${gatewayWithPrefix} dev ${name}`, `link set ${name} up`];
  if (await linkExists(name)) return ipBatchChecked(configure);
  // A fixed MAC: by default a bridge takes the lowest MAC of its ports, so its address would change
  // as pods come and go and the pods' cached gateway entry would point nowhere.
  const created = await ipBatch([`link add ${name} address ${bridgeMac(name)} type bridge`, ...configure]);
  if (created.exitCode === 0) return;
  if (!(await linkExists(name))) throw new CommandError(`creating bridge ${name}`, created);
  await ipBatchChecked(configure); // another kubelet created it between our check and our add
}

/** Interfaces attached to the bridge (every node's pods), read from sysfs; [] once it is gone. */
export async function bridgePorts(name: string): Promise<string[]> {
  return readdir(`/sys/class/net/${name}/brif`).catch(() => []);
}

export async function deleteClusterBridge(name: string): Promise<void> {
  if (!(await linkExists(name))) return;
  const result = await ipBatch([`link del ${name}`]);
  if (result.exitCode !== 0 && (await linkExists(name))) throw new CommandError(`deleting bridge ${name}`, result);
}

/** Locally administered unicast MAC derived from the bridge name (stable across re-creation). */
function bridgeMac(name: string): string {
  const bytes = createHash('sha256').update(`bridge:${name}`).digest().subarray(0, 5);
  return ['02', ...[...bytes].map((byte) => byte.toString(16).padStart(2, '0'))].join(':');
}
