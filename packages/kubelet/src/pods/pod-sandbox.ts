// A Pod's sandbox, the shared context its containers join (kuberuntime's RunPodSandbox): its own
// network namespace with an IP on the cluster bridge (or the node's network for hostNetwork
// pods and on a node that cannot make namespaces), and its volumes on the host, ready to be
// bind-mounted. Set up before the first container starts; the network goes when the pod is
// terminal (its IP stays in the status, as Kubernetes keeps it), the volumes when the pod is gone.
import type { PodSandboxContext, VolumeMount } from '../runtime/container-runtime.js';
import type { Container, Pod } from '../status/api-types.js';

export interface PodNetworkRef {
  uid: string;
  namespace: string;
  name: string;
}

/** What the sandbox needs of the pod network (network/index.ts). */
export interface SandboxNetwork {
  setUp(pod: PodNetworkRef): Promise<{ ip: string; netnsPath: string }>;
  tearDown(podUid: string): Promise<void>;
  list(): Promise<string[]>;
}

export interface SandboxDns {
  nameserver: string;
  searches: string[];
  options: string[];
}

/** What the sandbox needs of the pod's volumes (volumes/). */
export interface SandboxVolumes {
  setUp(pod: Pod, ctx: { podIp: string; hostIp: string; dns?: SandboxDns }): Promise<void>;
  mountsFor(pod: Pod, container: Container, env: Readonly<Record<string, string>>): VolumeMount[];
  tearDown(podUid: string, pod?: Pod): Promise<void>;
}

export interface PodSandbox {
  podIp: string;
  /** absent: the node's network */
  netnsPath?: string;
  hostNetwork: boolean;
  /** why this pod runs on the node's network although it asked for its own (no pod network here) */
  fallbackReason?: string;
}

/** A sandbox that could not be made: the kubelet reports it as an event with this reason and retries. */
export class SandboxError extends Error {
  override name = 'SandboxError';
  constructor(
    readonly reason: 'FailedCreatePodSandBox' | 'FailedMount',
    message: string,
  ) {
    super(message);
  }
}

export interface PodSandboxesOptions {
  /** undefined: every pod uses the node's network (no pod network on this node) */
  network?: SandboxNetwork;
  volumes: SandboxVolumes;
  nodeIp: string;
  /** the cluster DNS server and domain (dnsPolicy ClusterFirst); undefined: no cluster DNS */
  clusterDns?: string;
  clusterDomain: string;
  /** host paths hidden from every container (the cluster's data dir) */
  hidePaths: readonly string[];
  /** set when this node was asked for a pod network but cannot make one */
  fallbackReason?: string;
  /** whether containers get their own mount and UTS namespaces (needs CAP_SYS_ADMIN): without,
   * they see the host's filesystem as it is and volumes are not mounted at their mountPath */
  privateMounts: boolean;
}

/** Kubernetes' hostname for a pod: spec.hostname, else the pod name, cut to 63 characters. */
export function podHostname(pod: Pod): string {
  return (pod.spec?.hostname || pod.metadata?.name || 'pod').slice(0, 63);
}

export class PodSandboxes {
  private readonly sandboxes = new Map<string, PodSandbox>();

  constructor(private readonly opts: PodSandboxesOptions) {}

  /** Sets the pod's network and volumes up (idempotent, also after a kubelet restart). */
  async ensure(pod: Pod): Promise<PodSandbox> {
    const uid = pod.metadata?.uid ?? '';
    const known = this.sandboxes.get(uid);
    if (known) return known;
    const ref = { uid, namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '' };
    const hostNetwork = pod.spec?.hostNetwork === true || !this.opts.network;
    const fellBack = pod.spec?.hostNetwork !== true && !this.opts.network && this.opts.fallbackReason;
    let sandbox: PodSandbox = { podIp: this.opts.nodeIp, hostNetwork: true, ...(fellBack ? { fallbackReason: this.opts.fallbackReason } : {}) };
    if (!hostNetwork) {
      try {
        const attachment = await this.opts.network!.setUp(ref);
        sandbox = { podIp: attachment.ip, netnsPath: attachment.netnsPath, hostNetwork: false };
      } catch (err) {
        throw new SandboxError('FailedCreatePodSandBox', `Failed to create pod sandbox: ${(err as Error).message}`);
      }
    }
    try {
      await this.opts.volumes.setUp(pod, { podIp: sandbox.podIp, hostIp: this.opts.nodeIp, ...this.dnsFor(pod) });
    } catch (err) {
      throw new SandboxError('FailedMount', (err as Error).message);
    }
    this.sandboxes.set(uid, sandbox);
    return sandbox;
  }

  current(uid: string): PodSandbox | undefined {
    return this.sandboxes.get(uid);
  }

  /** The runtime's view of one container's place in the sandbox (ENV: its environment, for subPathExpr). */
  launchContext(pod: Pod, container: Container, env: Readonly<Record<string, string>>): PodSandboxContext | undefined {
    const sandbox = this.sandboxes.get(pod.metadata?.uid ?? '');
    if (!sandbox) return undefined;
    if (!this.opts.privateMounts) return sandbox.netnsPath ? { netnsPath: sandbox.netnsPath } : undefined;
    return {
      ...(sandbox.netnsPath ? { netnsPath: sandbox.netnsPath } : {}),
      // hostNetwork pods share the node's UTS namespace too, as Kubernetes does.
      ...(sandbox.hostNetwork ? {} : { hostname: podHostname(pod) }),
      mounts: this.opts.volumes.mountsFor(pod, container, env),
      maskPaths: [...this.opts.hidePaths],
    };
  }

  /** The pod will run nothing again: its network namespace goes, its IP stays reported. */
  async stopNetwork(uid: string): Promise<void> {
    const sandbox = this.sandboxes.get(uid);
    if (sandbox && !sandbox.hostNetwork) await this.opts.network?.tearDown(uid);
  }

  /** The pod is gone from the API: network and volumes go (a PersistentVolume's data stays). */
  async remove(uid: string): Promise<void> {
    this.sandboxes.delete(uid);
    await this.opts.network?.tearDown(uid);
    await this.opts.volumes.tearDown(uid);
  }

  /** After a restart: the namespaces of pods that vanished meanwhile. */
  async removeOrphans(liveUids: ReadonlySet<string>): Promise<void> {
    for (const uid of (await this.opts.network?.list()) ?? []) {
      if (!liveUids.has(uid)) await this.remove(uid);
    }
  }

  /** resolv.conf for dnsPolicy ClusterFirst (the default) on a pod network; host pods keep the host's. */
  private dnsFor(pod: Pod): { dns?: SandboxDns } {
    const { clusterDns, clusterDomain } = this.opts;
    const policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
    const clusterFirst = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !pod.spec?.hostNetwork);
    if (policy === 'None') {
      const config = pod.spec?.dnsConfig;
      return {
        dns: {
          nameserver: config?.nameservers?.[0] ?? '',
          searches: config?.searches ?? [],
          options: (config?.options ?? []).map((o) => (o.value !== undefined ? `${o.name}:${o.value}` : (o.name ?? ''))),
        },
      };
    }
    if (!clusterFirst || !clusterDns) return {};
    const namespace = pod.metadata?.namespace ?? 'default';
    return {
      dns: {
        nameserver: clusterDns,
        searches: [`${namespace}.svc.${clusterDomain}`, `svc.${clusterDomain}`, clusterDomain],
        options: ['ndots:5'],
      },
    };
  }
}
