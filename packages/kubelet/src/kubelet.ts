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
import { PodWorkers } from './pods/pod-workers.js';
import type { ContainerRuntime } from './runtime/container-runtime.js';
import type { StreamingBackend } from './server/streaming-backend.js';

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
}

export class Kubelet {
  readonly events: EventRecorder;
  readonly workers: PodWorkers;
  readonly heartbeat: NodeHeartbeat;
  private readonly informer: Informer<Pod>;

  constructor(private readonly opts: KubeletOptions) {
    const { client, runtime, clock, logger, nodeName, nodeIp } = opts;
    this.events = new EventRecorder(client, nodeName, clock, (err) => logger.warn({ err }, 'could not record event'));
    const backoff = new CrashBackoff(opts.backoff, clock);
    const events = this.events;
    const workers: PodWorkers = new PodWorkers({
      client,
      clock,
      runtime,
      events,
      nodeIp,
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
        buildLaunch: (pod, container, attempt) => buildContainerLaunch(opts.rootDir, opts.environment, pod, container, attempt),
        onExit: (uid) => workers.wake(uid),
      }),
    });
    this.workers = workers;
    this.heartbeat = new NodeHeartbeat({
      client,
      clock,
      machine: opts.machine,
      settings: { nodeName, nodeIp, kubeletPort: opts.kubeletPort, maxPods: opts.maxPods, ...(opts.cpu ? { cpu: opts.cpu } : {}), ...(opts.memory ? { memory: opts.memory } : {}) },
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
    await this.workers.adoptRunning();
    this.informer.onAdd((pod) => this.workers.upsert(pod));
    this.informer.onUpdate((pod) => this.workers.upsert(pod));
    this.informer.onDelete((pod) => this.workers.delete(pod));
    await this.informer.start();
    await this.workers.stopOrphans();
    this.opts.logger.info({ node: this.opts.nodeName }, 'kubelet started');
  }

  /** Stops watching and probing; containers keep running, as with the real kubelet. */
  stop(): void {
    this.informer.stop();
    this.heartbeat.stop();
    this.workers.stop();
  }

  streamingBackend(): StreamingBackend {
    return {
      runtime: this.opts.runtime,
      findContainer: (namespace, podName, containerName, lookupOpts) => findPodContainer(this.workers, namespace, podName, containerName, lookupOpts),
    };
  }
}
