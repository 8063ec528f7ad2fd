// The cluster's network identity (bridge, pod and service CIDRs, NodePort slice, DNS address),
// derived from the data directory by the shared clusterNetwork(). The first `up` checks that
// the derived CIDRs are not routed on this machine already (another cluster, a VPN, Docker) and
// rehashes if they are; the attempt that worked is kept in run/network.json so every later `up`
// and `down` of this data directory agrees on the same names.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { clusterNetwork } from '@kctl/shared';
import type { ClusterNetwork } from '@kctl/shared';
import type { ClusterPaths } from './paths.js';

const MAX_ATTEMPTS = 16;

function readAttempt(file: string): number | undefined {
  try {
    const attempt = (JSON.parse(readFileSync(file, 'utf8')) as { attempt?: unknown }).attempt;
    return typeof attempt === 'number' && Number.isInteger(attempt) && attempt >= 0 ? attempt : undefined;
  } catch {
    return undefined;
  }
}

/** The network a previous `up` settled on, if any (what `down` cleans up). */
export function recordedClusterNetwork(paths: ClusterPaths): ClusterNetwork | undefined {
  const attempt = readAttempt(paths.networkFile);
  return attempt === undefined ? undefined : clusterNetwork(paths.dataDir, attempt);
}

function routes(): Promise<string[]> {
  return new Promise((resolve) => {
    execFile('ip', ['-o', '-4', 'route', 'show', 'table', 'all'], (err, stdout) => resolve(err ? [] : stdout.split('\n')));
  });
}

/** Whether a route of this machine (not our own bridge's or proxy's) lies in one of the network's /16s. */
export function clashes(network: ClusterNetwork, routeLines: readonly string[]): boolean {
  const prefixes = [network.clusterCidr, network.serviceCidr].map((cidr) => cidr.split('.').slice(0, 2).join('.') + '.');
  return routeLines.some((line) => {
    const destination = line.trim().split(/\s+/)[line.startsWith('local ') || line.startsWith('broadcast ') ? 1 : 0] ?? '';
    if (!prefixes.some((prefix) => destination.startsWith(prefix))) return false;
    const ours = line.includes(` dev ${network.bridgeName} `) || line.trimEnd().endsWith(` dev ${network.bridgeName}`) || (line.startsWith('local ') && line.includes(' dev lo '));
    return !ours;
  });
}

export async function settleClusterNetwork(paths: ClusterPaths): Promise<ClusterNetwork> {
  const kept = recordedClusterNetwork(paths);
  if (kept) return kept;
  const lines = await routes();
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const network = clusterNetwork(paths.dataDir, attempt);
    if (clashes(network, lines)) continue;
    writeFileSync(paths.networkFile, JSON.stringify({ attempt }) + '\n');
    return network;
  }
  throw new Error(`no free pod/service CIDR in 10.64.0.0/10 for ${paths.dataDir}: every candidate is routed on this machine`);
}
