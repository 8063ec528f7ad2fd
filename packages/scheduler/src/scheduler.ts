// The scheduler process's core: pod and node informers feed the cache and the queue; one loop takes
// pods off the queue, decides synchronously (so every decision sees the previous ones through the
// assumed pods), and binds asynchronously, as kube-scheduler's scheduling and binding cycles do.
// All state is in the API: a restarted scheduler rebuilds it from the informers' lists.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Informer, defaultCatalog } from '@kctl/shared';
import type { ApiClient, BackoffOptions, Node, Pod } from '@kctl/shared';
import type { Logger } from 'pino';
import { SchedulerCache } from './cache/scheduler-cache.js';
import { podInfoOf, podKey } from './cache/pod-info.js';
import type { PodInfo } from './cache/pod-info.js';
import { SchedulingQueue } from './queue/scheduling-queue.js';
import type { SchedulingQueueOptions } from './queue/scheduling-queue.js';
import { PodScheduler } from './schedule-pod.js';
import { OutcomeWriter } from './outcome-writer.js';
import { DEFAULT_SCHEDULER_NAME, isPendingFor, nodeSchedulingPropertiesChanged, podPriority, podSchedulingInputsChanged } from './pod-eligibility.js';

export interface SchedulerOptions {
  client: ApiClient;
  logger: Logger;
  schedulerName?: string;
  queue?: SchedulingQueueOptions;
  reconnectBackoff?: BackoffOptions;
}

// Succeeded and Failed pods hold no resources: like kube-scheduler, never even cache them.
const NON_TERMINAL_PODS = 'status.phase!=Succeeded,status.phase!=Failed';

export class Scheduler {
  private readonly schedulerName: string;
  private readonly log: Logger;
  private readonly cache = new SchedulerCache();
  private readonly queue: SchedulingQueue;
  private readonly podScheduler = new PodScheduler();
  private readonly writer: OutcomeWriter;
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;
  private readonly inFlight = new Set<Promise<void>>();
  private loop: Promise<void> | undefined;

  constructor(opts: SchedulerOptions) {
    this.schedulerName = opts.schedulerName ?? DEFAULT_SCHEDULER_NAME;
    this.log = opts.logger;
    this.queue = new SchedulingQueue(opts.queue);
    const informerOpts = { ...(opts.reconnectBackoff ? { reconnectBackoff: opts.reconnectBackoff } : {}), onHandlerError: (err: unknown) => this.log.error({ err }, 'informer handler failed') };
    this.pods = new Informer<Pod>(opts.client, defaultCatalog.resolve('pods')!, { ...informerOpts, fieldSelector: NON_TERMINAL_PODS });
    this.nodes = new Informer<Node>(opts.client, defaultCatalog.resolve('nodes')!, informerOpts);
    this.writer = new OutcomeWriter(opts.client, this.schedulerName, (what, pod, err) =>
      this.log.warn({ pod: podKey(pod), err: (err as Error).message }, `${what} failed`),
    );
    this.watchPods();
    this.watchNodes();
  }

  /** Resolves once both caches are synced and the scheduling loop runs. */
  async start(): Promise<void> {
    await Promise.all([this.pods.start(), this.nodes.start()]);
    this.log.info({ nodes: this.nodes.list().length, pending: this.queue.activeCount }, 'caches synced, scheduling');
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.pods.stop();
    this.nodes.stop();
    this.queue.close();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  private watchPods(): void {
    this.pods.onAdd((pod) => this.podChanged(pod));
    this.pods.onUpdate((pod, old) => this.podChanged(pod, old));
    this.pods.onDelete((pod) => {
      const wasPlaced = this.cache.isPlaced(pod.metadata?.uid ?? '');
      this.cache.removePod(pod);
      this.queue.remove(podKey(pod));
      // Its node has room again.
      if (wasPlaced) this.queue.moveAllUnschedulable();
    });
  }

  private podChanged(pod: Pod, old?: Pod): void {
    const key = podKey(pod);
    if (pod.spec?.nodeName) {
      this.cache.updatePod(pod);
      this.queue.remove(key);
      return;
    }
    if (!isPendingFor(pod, this.schedulerName)) {
      this.queue.remove(key);
      return;
    }
    if (this.cache.isAssumed(pod.metadata?.uid ?? '')) return;
    if (old && podSchedulingInputsChanged(pod, old)) this.queue.activate(key, podPriority(pod));
    else this.queue.addIfAbsent(key, podPriority(pod));
  }

  private watchNodes(): void {
    this.nodes.onAdd((node) => {
      this.cache.setNode(node);
      this.queue.moveAllUnschedulable();
    });
    this.nodes.onUpdate((node, old) => {
      this.cache.setNode(node);
      if (nodeSchedulingPropertiesChanged(node, old)) this.queue.moveAllUnschedulable();
    });
    this.nodes.onDelete((node) => this.cache.removeNode(node));
  }

  private async run(): Promise<void> {
    for (;;) {
      const key = await this.queue.pop();
      if (key === undefined) return;
      try {
        this.scheduleOne(key);
      } catch (err) {
        this.log.error({ pod: key, err }, 'scheduling attempt failed');
      }
      // Let watch events and binding responses in between decisions.
      await yieldToEventLoop();
    }
  }

  private scheduleOne(key: string): void {
    const slash = key.indexOf('/');
    const pod = this.pods.get(key.slice(0, slash), key.slice(slash + 1));
    // Read afresh: the pod may have been bound, deleted or handed to another scheduler meanwhile.
    if (!pod || !isPendingFor(pod, this.schedulerName) || this.cache.isPlaced(pod.metadata?.uid ?? '')) return;
    const info = podInfoOf(pod);
    const result = this.podScheduler.schedule(info, this.cache.nodeList());
    if ('nodeName' in result) {
      this.cache.assume(info, result.nodeName);
      this.track(this.bind(info, result.nodeName));
      return;
    }
    this.log.info({ pod: key, reason: result.unschedulable }, 'unable to schedule pod');
    this.queue.markUnschedulable(key, podPriority(pod));
    this.track(this.writer.reportUnschedulable(pod, result.unschedulable));
  }

  private async bind(info: PodInfo, nodeName: string): Promise<void> {
    const outcome = await this.writer.bind(info.pod, nodeName);
    if (outcome === 'bound') {
      this.log.debug({ pod: info.key, node: nodeName }, 'bound');
      return;
    }
    this.cache.forget(info);
    if (outcome === 'taken') {
      // Bound by someone else, being deleted, or gone: the informer brings the truth.
      this.log.info({ pod: info.key }, 'pod already bound or gone; dropping it');
      this.queue.remove(info.key);
    } else {
      this.queue.retryAfterBackoff(info.key, podPriority(info.pod));
    }
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }
}
