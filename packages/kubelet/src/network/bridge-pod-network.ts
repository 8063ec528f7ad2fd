// Pod networking on one Linux bridge per cluster (see pod-network.ts for the contract).
//
// Every node (kubelet) of a cluster attaches its pods to the same bridge, which holds the cluster
// gateway (first host of the cluster CIDR), and hands out addresses from its own pod CIDR. Pods
// get the cluster's prefix length, so every pod of every node is on-link: pod-to-pod and
// host-to-pod traffic is plain L2 on the bridge, and no sysctl (ip_forward) is ever changed.
//
// Per pod: a network namespace, a veth pair (host end on the bridge, eth0 inside) and lo, set up
// by two `ip -batch` processes (host side, then inside the namespace): ~10 ms.
import { cidrContains, formatIpv4, gatewayOf, parseCidr, type Ipv4Cidr } from './ipv4.js';
import { bridgePorts, deleteClusterBridge, ensureClusterBridge } from './cluster-bridge.js';
import { iptablesChainFor } from '@kctl/shared';
import { ensureForwardAcceptChain, findIptables, removeForwardAcceptChain } from './forward-accept-chain.js';
import { HostLocalIpam } from './host-local-ipam.js';
import { KeyedSerializer } from './keyed-serializer.js';
import { PodAttachmentRecords, type PodAttachmentRecord } from './pod-attachment-records.js';
import type { BridgeNetworkOptions, PodNetwork, PodNetworkAttachment, PodNetworkRef } from './pod-network.js';
import { hostVethName, linkExists, netnsExists, netnsPathOf, podNetnsName } from './pod-network-names.js';
import { CommandError, ipBatch, ipBatchesChecked } from './run-command.js';

export class BridgePodNetwork implements PodNetwork {
  readonly mode = 'bridge' as const;
  readonly #bridge: string;
  readonly #clusterPrefixLength: number;
  readonly #gateway: string;
  readonly #ipam: HostLocalIpam;
  readonly #records: PodAttachmentRecords;
  readonly #serializer = new KeyedSerializer();
  readonly #warn: NonNullable<BridgeNetworkOptions['onWarning']>;
  /** Bridge + iptables chain, made once per instance (again after tearDownAll removed them). */
  #infrastructure: Promise<void> | undefined;

  constructor(options: BridgeNetworkOptions) {
    if (!/^[\w.-]{1,15}$/.test(options.bridgeName)) {
      throw new Error(`bridge name "${options.bridgeName}" must be 1-15 letters, digits, '_', '.' or '-'`);
    }
    const cluster = parseCidr(options.clusterCidr);
    const node = parseCidr(options.podCidr);
    if (!isInside(node, cluster)) throw new Error(`pod CIDR ${options.podCidr} is not inside the cluster CIDR ${options.clusterCidr}`);
    this.#bridge = options.bridgeName;
    this.#clusterPrefixLength = cluster.prefixLength;
    this.#gateway = formatIpv4(gatewayOf(cluster));
    this.#ipam = new HostLocalIpam({ stateDir: options.stateDir, range: node, reserved: [gatewayOf(cluster)] });
    this.#records = new PodAttachmentRecords(options.stateDir);
    this.#warn = options.onWarning ?? (() => {});
  }

  setUp(pod: PodNetworkRef): Promise<PodNetworkAttachment> {
    return this.#serializer.run(pod.uid, async () => {
      try {
        return await this.#setUp(pod.uid);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`setting up the network of pod ${pod.namespace}/${pod.name}: ${message}`, { cause: error });
      }
    });
  }

  tearDown(podUid: string): Promise<void> {
    return this.#serializer.run(podUid, async () => {
      const record = await this.#records.read(podUid);
      if (!record) return;
      await removeKernelObjects(record);
      await this.#ipam.release(record.ip, podUid);
      await this.#records.remove(podUid);
    });
  }

  list(): Promise<string[]> {
    return this.#records.uids();
  }

  async tearDownAll(): Promise<void> {
    const results = await Promise.allSettled((await this.list()).map((uid) => this.tearDown(uid)));
    const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
    if (failures.length > 0) throw new AggregateError(failures, `tearing down ${failures.length} pod network(s) failed`);
    // Addresses without a record were reserved by a set-up that crashed before writing it.
    for (const [ip, owner] of await this.#ipam.allocations()) await this.#ipam.release(ip, owner);
    const ports = await bridgePorts(this.#bridge);
    if (ports.length > 0) return; // pods of another node of the cluster still use the bridge
    this.#infrastructure = undefined;
    await deleteClusterBridge(this.#bridge);
    const iptables = await findIptables();
    if (iptables) await removeForwardAcceptChain(iptables, iptablesChainFor(this.#bridge));
  }

  async #setUp(uid: string): Promise<PodNetworkAttachment> {
    const recorded = await this.#records.read(uid);
    if (recorded && (await netnsExists(recorded.netnsName)) && (await linkExists(recorded.veth))) {
      return attachmentOf(recorded);
    }
    const netnsName = podNetnsName(this.#bridge, uid);
    // The record is written before the namespace is made, so a namespace without our record is not
    // ours: another pod whose uid starts with the same 12 characters. Never delete it.
    if (!recorded && (await netnsExists(netnsName))) {
      throw new Error(`network namespace ${netnsName} already exists for another pod (uid prefix collision)`);
    }
    await this.#ensureInfrastructure();
    const record: PodAttachmentRecord = {
      ip: recorded && (await this.#ipam.claim(recorded.ip, uid)) ? recorded.ip : await this.#ipam.allocate(uid),
      netnsName,
      veth: hostVethName(this.#bridge, uid),
    };
    try {
      await this.#records.write(uid, record);
      await removeKernelObjects(record); // half-made leftovers of an earlier attempt
      await this.#createKernelObjects(record);
    } catch (error) {
      // Forget the pod only once its objects are gone; otherwise the record lets a retry or a
      // tear-down find them.
      const removed = await removeKernelObjects(record).then(() => true, () => false);
      if (removed) {
        await this.#ipam.release(record.ip, uid);
        await this.#records.remove(uid);
      }
      throw error;
    }
    return attachmentOf(record);
  }

  async #createKernelObjects({ ip, netnsName, veth }: PodAttachmentRecord): Promise<void> {
    await ipBatchesChecked([
      { lines: [`netns add ${netnsName}`, `link add ${veth} type veth peer name eth0 netns ${netnsName}`, `link set ${veth} master ${this.#bridge} up`] },
      {
        lines: [`addr add ${ip}/${this.#clusterPrefixLength} dev eth0`, 'link set eth0 up', 'link set lo up', `route add default via ${this.#gateway}`],
        netns: netnsName,
      },
    ]);
  }

  #ensureInfrastructure(): Promise<void> {
    // The bridge can vanish under a live instance (the last other node's tearDownAll raced us).
    const bridgeCheck = linkExists(this.#bridge);
    return bridgeCheck.then((present) => {
      if (!present) this.#infrastructure = undefined;
      this.#infrastructure ??= this.#createInfrastructure().catch((error: unknown) => {
        this.#infrastructure = undefined;
        throw error;
      });
      return this.#infrastructure;
    });
  }

  async #createInfrastructure(): Promise<void> {
    await ensureClusterBridge(this.#bridge, `${this.#gateway}/${this.#clusterPrefixLength}`);
    const chain = iptablesChainFor(this.#bridge);
    const iptables = await findIptables();
    if (!iptables) {
      this.#warn('iptables not found: no FORWARD accept rule for the pod bridge (only matters next to a Docker engine)', {
        bridge: this.#bridge,
      });
      return;
    }
    // Pods still work without the rule unless a firewall drops bridged traffic: warn, don't fail.
    await ensureForwardAcceptChain(iptables, chain, this.#bridge).catch((error: unknown) =>
      this.#warn('could not add the iptables FORWARD accept rule for the pod bridge', { bridge: this.#bridge, chain, error: String(error) }),
    );
  }
}

/** Removes the pod's veth, then its namespace (in this order: see isolation-recipes.md §1). */
async function removeKernelObjects({ netnsName, veth }: PodAttachmentRecord): Promise<void> {
  const lines = [
    ...((await linkExists(veth)) ? [`link del ${veth}`] : []),
    ...((await netnsExists(netnsName)) ? [`netns del ${netnsName}`] : []),
  ];
  if (lines.length === 0) return;
  // -force runs every line even if one fails; success is judged by what is left afterwards.
  const result = await ipBatch(lines, { force: true });
  if ((await linkExists(veth)) || (await netnsExists(netnsName))) {
    throw new CommandError(`ip -force -batch [${lines.join('; ')}]`, result);
  }
}

function attachmentOf(record: PodAttachmentRecord): PodNetworkAttachment {
  return { ip: record.ip, netnsPath: netnsPathOf(record.netnsName) };
}

function isInside(inner: Ipv4Cidr, outer: Ipv4Cidr): boolean {
  return inner.prefixLength >= outer.prefixLength && cidrContains(outer, inner.network);
}
