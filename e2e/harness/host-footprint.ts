// What one cluster has made on this host: network namespaces, links, routes, mounts, cgroups,
// iptables rules and processes, each found by the names the cluster derives from its data
// directory (so other clusters and concurrently running tests never blur the picture). The
// clean-up tests take it while the cluster runs (it must show the cluster's footprint, or the
// test proves nothing) and after `kctl cluster down` (it must be empty).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { clusterNetwork } from '@kctl/shared';
import type { ClusterNetwork } from '@kctl/shared';
import { cgroupParentFor } from '@kctl/kubelet';

export interface HostFootprint {
  netns: string[];
  links: string[];
  routes: string[];
  mounts: string[];
  cgroups: string[];
  iptables: string[];
  processes: string[];
  ipForward: string;
}

/** The network names the cluster settled on (run/network.json), read while its data dir exists. */
export function settledNetwork(dataDir: string): ClusterNetwork {
  const { attempt } = JSON.parse(readFileSync(join(dataDir, 'run', 'network.json'), 'utf8')) as { attempt: number };
  return clusterNetwork(dataDir, attempt);
}

function lines(command: string, args: string[]): string[] {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

const CGROUP_CONTROLLERS = ['memory', 'cpu', 'pids', 'unified'];

export function hostFootprint(dataDir: string, network: ClusterNetwork, nodes: readonly string[]): HostFootprint {
  const netPrefixes = [network.clusterCidr, network.serviceCidr].map((cidr) => cidr.split('.').slice(0, 2).join('.') + '.');
  const cgroupParents = new Set(nodes.map((node) => cgroupParentFor(join(dataDir, 'nodes', node))));
  const cgroups = CGROUP_CONTROLLERS.flatMap((controller) => {
    try {
      return readdirSync(join('/sys/fs/cgroup', controller)).filter((name) => cgroupParents.has(name)).map((name) => `${controller}/${name}`);
    } catch {
      return [];
    }
  });
  const processes = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid)
    .flatMap((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
        return cmdline.includes(dataDir) ? [`${pid} ${cmdline.trim()}`] : [];
      } catch {
        return [];
      }
    });
  return {
    netns: lines('ip', ['netns', 'list']).filter((line) => line.startsWith(`kctl-${network.bridgeName}-`)),
    links: lines('ip', ['-o', 'link', 'show']).filter((line) => line.includes(` ${network.bridgeName}:`) || line.includes(`master ${network.bridgeName} `)),
    routes: lines('ip', ['-o', '-4', 'route', 'show', 'table', 'all']).filter((line) => netPrefixes.some((prefix) => line.includes(prefix))),
    mounts: readFileSync('/proc/mounts', 'utf8').split('\n').filter((line) => line.includes(dataDir)),
    cgroups,
    iptables: lines('iptables-save', []).filter((line) => line.includes(network.iptablesChain)),
    processes,
    ipForward: readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8').trim(),
  };
}
