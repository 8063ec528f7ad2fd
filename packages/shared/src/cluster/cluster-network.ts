// The network identity of one cluster, derived from its data directory alone, so several clusters
// on one machine (a developer's own next to the test suite's) never share a bridge, a CIDR, a
// NodePort range, a DNS address or an iptables chain, and every component of one cluster agrees
// without being told more than the data directory. `attempt` rehashes when a CIDR is already
// taken on this machine (the supervisor checks and keeps the attempt that worked).
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';

export interface ClusterNetwork {
  /** the cluster's Linux bridge; ≤15 characters (IFNAMSIZ) */
  bridgeName: string;
  /** every pod IP of the cluster, on-link on the bridge (10.X.0.0/16) */
  clusterCidr: string;
  /** the bridge's own address, every pod's default gateway (10.X.0.1) */
  gateway: string;
  /** ClusterIPs (10.Y.0.0/16) */
  serviceCidr: string;
  /** the cluster DNS server: the service CIDR's tenth address, as kubeadm's kube-dns (10.Y.0.10) */
  dnsAddress: string;
  /** "30000-30249": a slice of Kubernetes' 30000-32767 of its own */
  nodePortRange: string;
  /** filter chain holding the cluster's ACCEPT rules (≤28 characters) */
  iptablesChain: string;
  /** node N's pod CIDR, N counted from 1 (10.X.2N.0/23) */
  nodePodCidr(nodeIndex: number): string;
}

export const CLUSTER_DOMAIN = 'cluster.local';

/** KCTL-<BRIDGE>: at most 20 characters for a 15-character bridge (iptables allows 28). */
export function iptablesChainFor(bridgeName: string): string {
  return `KCTL-${bridgeName.toUpperCase()}`;
}
const NODE_PORT_SLICE = 250;
const NODE_PORT_SLICES = 10;

export function clusterNetwork(dataDir: string, attempt = 0): ClusterNetwork {
  const digest = createHash('sha256').update(resolve(dataDir) + (attempt ? `#${attempt}` : '')).digest();
  const slot = digest.readUInt16BE(0) % 64;
  const tag = digest.subarray(2, 5).toString('hex');
  const podOctet = 64 + slot;
  const serviceOctet = 128 + slot;
  const portBase = 30000 + (digest.readUInt8(5) % NODE_PORT_SLICES) * NODE_PORT_SLICE;
  return {
    bridgeName: `kctl${tag}`,
    clusterCidr: `10.${podOctet}.0.0/16`,
    gateway: `10.${podOctet}.0.1`,
    serviceCidr: `10.${serviceOctet}.0.0/16`,
    dnsAddress: `10.${serviceOctet}.0.10`,
    nodePortRange: `${portBase}-${portBase + NODE_PORT_SLICE - 1}`,
    iptablesChain: iptablesChainFor(`kctl${tag}`),
    // A /23 per node: room for 510 pods, so a node raised to --max-pods 500 still gets an IP for
    // each (Kubernetes' /24 suits its default of 110); block 0 holds the bridge's gateway.
    nodePodCidr: (nodeIndex) => {
      if (!Number.isInteger(nodeIndex) || nodeIndex < 1 || nodeIndex > 127) throw new Error(`node index ${nodeIndex} out of range 1-127`);
      return `10.${podOctet}.${nodeIndex * 2}.0/23`;
    },
  };
}
