// Every name and address block a cluster's network uses, derived from its data directory so that
// several clusters on one machine never collide and a restarted cluster finds its own again.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';

export interface ClusterNetworkNames {
  /** Linux bridge shared by every node of the cluster (at most 15 characters). */
  bridgeName: string;
  /** Pod addresses of the whole cluster, 10.<64..127>.0.0/16; the bridge holds its .0.1. */
  clusterCidr: string;
  /** ClusterIPs, 10.<128..191>.0.0/16 (same second-octet offset as the cluster CIDR). */
  serviceCidr: string;
  /** Pod CIDR of node N (1-based): 10.<..>.N.0/24. */
  nodePodCidr(nodeIndex: number): string;
  /** Cluster DNS service address: 10.<128..191>.0.10. */
  dnsAddress: string;
  /** iptables filter chain that lets bridged pod traffic through FORWARD. */
  iptablesChain: string;
}

/**
 * ATTEMPT > 0 rehashes with a suffix: the caller's way out when cidrInUse() reports that the
 * attempt-0 blocks clash with a network already on the machine (keep the attempt that worked).
 */
export function clusterNetworkNames(dataDir: string, attempt = 0): ClusterNetworkNames {
  const seed = attempt === 0 ? resolve(dataDir) : `${resolve(dataDir)}\0${attempt}`;
  const hash = createHash('sha256').update(seed).digest();
  const offset = hash.readUInt32BE(0) % 64;
  const bridgeName = `kctl${hash.toString('hex').slice(0, 6)}`;
  const podOctet = 64 + offset;
  const serviceOctet = 128 + offset;
  return {
    bridgeName,
    clusterCidr: `10.${podOctet}.0.0/16`,
    serviceCidr: `10.${serviceOctet}.0.0/16`,
    nodePodCidr(nodeIndex: number): string {
      if (!Number.isInteger(nodeIndex) || nodeIndex < 1 || nodeIndex > 255) {
        throw new Error(`node index must be an integer from 1 to 255, got ${nodeIndex}`);
      }
      return `10.${podOctet}.${nodeIndex}.0/24`;
    },
    dnsAddress: `10.${serviceOctet}.0.10`,
    iptablesChain: iptablesChainFor(bridgeName),
  };
}

/** KCTL-<BRIDGE>: at most 20 characters for a 15-character bridge (iptables allows 28). */
export function iptablesChainFor(bridgeName: string): string {
  return `KCTL-${bridgeName.toUpperCase()}`;
}
