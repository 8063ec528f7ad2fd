// Keeps bridged pod traffic alive next to a Docker engine. With br_netfilter loaded, frames
// bridged between two ports of our bridge traverse the iptables FORWARD chain, and Docker sets
// that chain's policy to DROP. One chain per cluster accepts bridge-to-same-bridge traffic and is
// jumped to from FORWARD; nothing else is touched, so removing it cannot affect another cluster.
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { KeyedSerializer } from './keyed-serializer.js';
import { runCommand, runChecked } from './run-command.js';

/**
 * Check-then-add is not atomic: two nodes of a cluster in one process (tests, or a future
 * in-process multi-node mode) are serialized per chain. Two kubelet processes racing can still add
 * a second identical jump; that is harmless, and removal deletes every copy.
 */
const perChain = new KeyedSerializer();

/** Absolute path of iptables, or undefined when the machine has none (then there is no firewall to pass). */
export async function findIptables(): Promise<string | undefined> {
  // sbin directories too: a kubelet started from a user's shell may not have them on PATH.
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/sbin', '/sbin'].filter(Boolean);
  for (const dir of dirs) {
    const candidate = join(dir, 'iptables');
    if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
  }
  return undefined;
}

/** Creates CHAIN with `-i BRIDGE -o BRIDGE -j ACCEPT` and one `-A FORWARD -j CHAIN` (idempotent). */
export function ensureForwardAcceptChain(iptables: string, chain: string, bridge: string): Promise<void> {
  return perChain.run(chain, () => addForwardAcceptChain(iptables, chain, bridge));
}

async function addForwardAcceptChain(iptables: string, chain: string, bridge: string): Promise<void> {
  // -N fails when the chain exists (another kubelet of the cluster, or a restart): that is the goal.
  await runCommand(iptables, filterTable(['-N', chain]));
  for (const rule of [[chain, '-i', bridge, '-o', bridge, '-j', 'ACCEPT'], ['FORWARD', '-j', chain]]) {
    if ((await runCommand(iptables, filterTable(['-C', ...rule]))).exitCode !== 0) {
      await runChecked(iptables, filterTable(['-A', ...rule]));
    }
  }
}

/** Removes every FORWARD jump to CHAIN, then the chain; a chain already gone is fine. */
export function removeForwardAcceptChain(iptables: string, chain: string): Promise<void> {
  return perChain.run(chain, () => deleteForwardAcceptChain(iptables, chain));
}

async function deleteForwardAcceptChain(iptables: string, chain: string): Promise<void> {
  // Delete until none is left (see perChain for how a second copy can appear).
  for (let attempt = 0; attempt < 16; attempt++) {
    if ((await runCommand(iptables, filterTable(['-D', 'FORWARD', '-j', chain]))).exitCode !== 0) break;
  }
  if ((await runCommand(iptables, filterTable(['-F', chain]))).exitCode !== 0) return; // no such chain
  await runChecked(iptables, filterTable(['-X', chain]));
}

/** -w: wait for the xtables lock instead of failing when another tool holds it. */
function filterTable(args: string[]): string[] {
  return ['-w', '-t', 'filter', ...args];
}
