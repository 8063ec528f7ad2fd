// The kubelet assembled: node heartbeat, the pod informer (spec.nodeName=NODE) feeding the pod
// workers, and the backend the streaming server asks for containers. main.ts only parses flags
// and wires processes; tests build this with a fake runtime, a fake clock and a real API.
import type { ApiClient, Pod } from '@kctl/shared';
import { Informer, defaultCatalog } from '@kctl/shared';
import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import { EventRecorder } from './events/event-recorder.js';
import type { MachineInfo } from './node/machine-info.js';
import { NodeHeartbeat } from './node/node-heartbeat.js';
import { findPodContainer } from './pod-container-lookup.js';
import { ContainerLifecycle } from './pods/container-lifecycle.js';
import { buildContainerLaunch } from './pods/container-launch.js';
import type { LaunchEnvironment } from './pods/container-launch.js';
import { CrashBackoff } from './pods/crash-backoff.js';
import { PodSandboxes } from './pods/pod-sandbox.js';
import type { SandboxNetwork } from './pods/pod-sandbox.js';
import { PodWorkers } from './pods/pod-workers.js';
import type { ContainerRuntime } from './runtime/container-runtime.js';
import type { StreamingBackend } from './server/streaming-backend.js';
import type { ConfigSourceCache, PodVolumes } from './volumes/index.js';

export interface KubeletOptions {
  client: ApiClient;
  runtime: ContainerRuntime;
  clock: Clock;
  logger: Logger;
  machine: MachineInfo;
  environment: LaunchEnvironment;
  nodeName: string;
  nodeIp: string;
  rootDir: string;
  /** the streaming server's port, published in daemonEndpoints */
  kubeletPort: number;
  cpu?: string;
  memory?: string;
  maxPods: number;
  nodeStatusUpdateMs: number;
  leaseDurationSeconds: number;
  backoff: { baseMs: number; maxMs: number; resetMs: number };
  /** ConfigMaps, Secrets and Services (env, volumes, service links), watched */
  sources: ConfigSourceCache;
  volumes: PodVolumes;
  /** undefined: pods use the node's network */
  network?: SandboxNetwork;
  /** this node's pod CIDR (Node spec.podCIDR) */
  podCidr?: string;
  /** why pods run on the node's network although a pod network was asked for */
  hostNetworkFallback?: string;
  clusterDns?: string;
  clusterDomain: string;
  hidePaths: readonly string[];
  /** containers get private mount/UTS namespaces (root); otherwise the host's filesystem */
  privateMounts: boolean;
  /** pids.max of every container; undefined: unlimited */
  podMaxPids?: number;
}

const sameMetadataFields = (a: Pod, b: Pod | undefined): boolean =>
  JSON.stringify([a.metadata?.labels, a.metadata?.annotations]) === JSON.stringify([b?.metadata?.labels, b?.metadata?.annotations]);

export class Kubelet {
  readonly events: EventRecorder;
  readonly workers: PodWorkers;
  readonly heartbeat: NodeHeartbeat;
  private readonly informer: Informer<Pod>;
  private readonly sandboxes: PodSandboxes;

  constructor(private readonly opts: KubeletOptions) {
    const { client, runtime, clock, logger, nodeName, nodeIp } = opts;
    this.events = new EventRecorder(client, nodeName, clock, (err) => logger.warn({ err }, 'could not record event'));
    const backoff = new CrashBackoff(opts.backoff, clock);
    const events = this.events;
    const sandboxes = (this.sandboxes = new PodSandboxes({
      ...(opts.network ? { network: opts.network } : {}),
      volumes: opts.volumes,
      nodeIp,
      ...(opts.clusterDns ? { clusterDns: opts.clusterDns } : {}),
      clusterDomain: opts.clusterDomain,
      hidePaths: opts.hidePaths,
      privateMounts: opts.privateMounts,
      ...(opts.hostNetworkFallback ? { fallbackReason: opts.hostNetworkFallback } : {}),
    }));
    const workers: PodWorkers = new PodWorkers({
      client,
      clock,
      runtime,
      events,
      nodeIp,
      sandboxes,
      errorRetryMs: opts.backoff.baseMs,
      onError: (pod, err) => logger.error({ err, pod: `${pod.metadata?.namespace}/${pod.metadata?.name}` }, 'pod sync failed'),
      onPodGone: (uid) => {
        backoff.forgetPod(uid);
        events.forgetPod(uid);
      },
      lifecycle: new ContainerLifecycle({
        runtime,
        clock,
        backoff,
        events,
        nodeIp,
        buildLaunch: async (pod, container, attempt) => {
          const podIp = sandboxes.current(pod.metadata?.uid ?? '')?.podIp ?? nodeIp;
          const launch = await buildContainerLaunch(opts.rootDir, opts.environment, pod, container, attempt, { podIp, podIps: [podIp], hostIp: nodeIp });
          const sandbox = sandboxes.launchContext(pod, container, launch.env);
          return { ...launch, ...(sandbox ? { sandbox } : {}), ...(opts.podMaxPids ? { pidsLimit: opts.podMaxPids } : {}) };
        },
        onExit: (uid) => workers.wake(uid),
      }),
    });
    this.workers = workers;
    this.heartbeat = new NodeHeartbeat({
      client,
      clock,
      machine: opts.machine,
      settings: {
        nodeName,
        nodeIp,
        kubeletPort: opts.kubeletPort,
        maxPods: opts.maxPods,
        ...(opts.cpu ? { cpu: opts.cpu } : {}),
        ...(opts.memory ? { memory: opts.memory } : {}),
        ...(opts.podCidr ? { podCidr: opts.podCidr } : {}),
        ...(opts.hostNetworkFallback ? { hostNetworkFallback: opts.hostNetworkFallback } : {}),
      },
      periodMs: opts.nodeStatusUpdateMs,
      leaseDurationSeconds: opts.leaseDurationSeconds,
      onError: (what, err) => logger.warn({ err }, `could not update ${what}`),
    });
    this.informer = new Informer<Pod>(client, defaultCatalog.byPath('', 'v1', 'pods')!, {
      fieldSelector: `spec.nodeName=${nodeName}`,
      onHandlerError: (err) => logger.error({ err }, 'pod event handler failed'),
    });
  }

  async start(): Promise<void> {
    await this.heartbeat.start();
    await this.opts.sources.start();
    this.opts.sources.onChange((kind, namespace, name) => this.sourceChanged(kind, namespace, name));
    await this.workers.adoptRunning();
    this.informer.onAdd((pod) => this.workers.upsert(pod));
    this.informer.onUpdate((pod, old) => {
      this.workers.upsert(pod);
      // Labels and annotations reach downwardAPI volumes as they do in Kubernetes.
      if (!sameMetadataFields(pod, old)) this.refreshVolumes(pod);
    });
    this.informer.onDelete((pod) => this.workers.delete(pod));
    await this.informer.start();
    await this.workers.stopOrphans();
    this.opts.logger.info({ node: this.opts.nodeName }, 'kubelet started');
  }

  /**
   * A ConfigMap, Secret or Service changed: projected volumes that read it are rewritten (atomically,
   * so a non-subPath mount sees the new files), and the pods of its namespace re-sync, so one waiting
   * in CreateContainerConfigError for it starts now.
   */
  private sourceChanged(kind: string, namespace: string, name: string): void {
    for (const worker of this.workers.all()) {
      const pod = worker.current;
      if (pod.metadata?.namespace !== namespace) continue;
      if ((kind === 'ConfigMap' || kind === 'Secret') && this.opts.volumes.usesSource(pod, kind, namespace, name)) this.refreshVolumes(pod);
      if (kind !== 'Service') worker.kick();
    }
  }

  private refreshVolumes(pod: Pod): void {
    if (!pod.metadata?.uid || pod.metadata.deletionTimestamp) return;
    void this.opts.volumes.refresh(pod).catch((err: unknown) => this.opts.logger.warn({ err, pod: `${pod.metadata?.namespace}/${pod.metadata?.name}` }, 'could not refresh volumes'));
  }

  /** Stops watching and probing; containers keep running, as with the real kubelet. */
  stop(): void {
    this.opts.sources.stop();
    this.informer.stop();
    this.heartbeat.stop();
    this.workers.stop();
  }

  streamingBackend(): StreamingBackend {
    return {
      runtime: this.opts.runtime,
      findContainer: (namespace, podName, containerName, lookupOpts) => findPodContainer(this.workers, namespace, podName, containerName, lookupOpts),
      podNetwork: (namespace, podName) => {
        const worker = this.workers.findByName(namespace, podName);
        if (!worker) return { ok: false, code: 404, reason: 'NotFound', message: `pod "${podName}" not found` };
        const uid = worker.current.metadata?.uid ?? '';
        const netnsPath = this.sandboxes.current(uid)?.netnsPath;
        return { ok: true, podUid: uid, ...(netnsPath ? { netnsPath } : {}) };
      },
    };
  }
}
