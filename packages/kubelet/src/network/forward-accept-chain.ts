// Keeps bridged pod traffic alive next to a Docker engine. With br_netfilter loaded, frames
// bridged between two ports of our bridge traverse the iptables FORWARD chain, and Docker sets
// that chain's policy to DROP. One chain per cluster accepts bridge-to-same-bridge traffic and is
// jumped to from FORWARD; nothing else is touched, so removing it cannot affect another cluster.
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { runCommand, runChecked } from './run-command.js';

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
export async function ensureForwardAcceptChain(iptables: string, chain: string, bridge: string): Promise<void> {
  const run = (args: string[]) => runCommand(iptables, ['-w', ...args]);
  // -N fails when the chain exists (another kubelet of the cluster, or a restart): that is the goal.
  await run(['-t', 'filter', '-N', chain]);
  const accept = ['-i', bridge, '-o', bridge, '-j', 'ACCEPT'];
  if ((await run(['-t', 'filter', '-C', chain, ...accept])).exitCode !== 0) {
    await runChecked(iptables, ['-w', '-t', 'filter', '-A', chain, ...accept]);
  }
  if ((await run(['-t', 'filter', '-C', 'FORWARD', '-j', chain])).exitCode !== 0) {
    await runChecked(iptables, ['-w', '-t', 'filter', '-A', 'FORWARD', '-j', chain]);
  }
}

/** Removes every FORWARD jump to CHAIN, then the chain; a chain already gone is fine. */
export async function removeForwardAcceptChain(iptables: string, chain: string): Promise<void> {
  const run = (args: string[]) => runCommand(iptables, ['-w', '-t', 'filter', ...args]);
  // Two kubelets racing through ensure can leave two jumps; delete until none is left.
  for (let attempt = 0; attempt < 16; attempt++) {
    if ((await run(['-D', 'FORWARD', '-j', chain])).exitCode !== 0) break;
  }
  if ((await run(['-F', chain])).exitCode !== 0) return; // no such chain
  await runChecked(iptables, ['-w', '-t', 'filter', '-X', chain]);
}
