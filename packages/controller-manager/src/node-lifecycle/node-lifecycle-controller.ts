// Kubernetes' node lifecycle controller in two halves over one set of informers (Nodes, node
// Leases, Pods): NodeMonitor watches node health and keeps the condition taints, TaintEviction
// evicts pods from NoExecute-tainted nodes. Each half has its own work queue (node names, pod
// keys), so a node with many pods never holds up another node's health check.
import { EventRecorder, WorkQueue, defaultCatalog, keyOf, runWorkers } from '@kctl/shared';
import type { Informer, ApiClient, BackoffOptions, Node, Pod } from '@kctl/shared';
import type { Logger } from 'pino';
import { NodeHealth } from './node-health.js';
import type { NodeLease } from './node-health.js';
import { NODE_LEASE_NAMESPACE, NodeMonitor } from './node-monitor.js';
import { noExecuteTaints } from './node-taints.js';
import { PodsByNode } from './pods-by-node.js';
import { TaintEviction } from './taint-eviction.js';
import { controllerInformers } from '../shared-informers.js';
import type { SharedInformerFactory } from '../shared-informers.js';

/** --node-monitor-grace-period's default: 40 s, four missed 10 s heartbeats. */
export const DEFAULT_NODE_MONITOR_GRACE_PERIOD_MS = 40_000;

export interface NodeLifecycleControllerOptions {
  client: ApiClient;
  logger: Logger;
  /** how long a kubelet may stay silent before its node is Unknown */
  gracePeriodMs?: number;
  workers?: number;
  reconnectBackoff?: BackoffOptions;
  /** the controller manager's shared informers; without them the controller makes its own */
  informers?: SharedInformerFactory;
  /** ms since the epoch; tests inject their own */
  now?: () => number;
}

export class NodeLifecycleController {
  private readonly log: Logger;
  private readonly workers: number;
  private readonly nodes: Informer<Node>;
  private readonly leases: Informer<NodeLease>;
  private readonly pods: Informer<Pod>;
  private readonly nodeQueue = new WorkQueue<string>();
  private readonly podQueue = new WorkQueue<string>();
  private readonly monitor: NodeMonitor;
  private readonly eviction: TaintEviction;
  private loops: Promise<unknown> | undefined;
  private readonly releaseInformers: () => void;

  constructor(opts: NodeLifecycleControllerOptions) {
    this.log = opts.logger;
    this.workers = opts.workers ?? 5;
    const now = opts.now ?? Date.now;
    const { factory, release } = controllerInformers(opts, (err) => this.log.error({ err }, 'informer handler failed'));
    this.releaseInformers = release;
    this.nodes = factory.informerFor<Node>(defaultCatalog.resolve('nodes')!);
    this.leases = factory.informerFor<NodeLease>(defaultCatalog.resolve('leases')!, { namespace: NODE_LEASE_NAMESPACE });
    // Only bound pods concern a node, but the manager's other controllers already watch every
    // pod: sharing that one watch is cheaper than a second, filtered one (the handlers below and
    // PodsByNode skip pods without a node).
    this.pods = factory.informerFor<Pod>(defaultCatalog.resolve('pods')!);
    const podsByNode = new PodsByNode(this.pods);
    const clock = () => new Date(now());
    const common = { client: opts.client, nodes: this.nodes, pods: this.pods, now };
    this.monitor = new NodeMonitor({
      ...common,
      logger: opts.logger,
      leases: this.leases,
      podsByNode,
      health: new NodeHealth(),
      recorder: new EventRecorder(opts.client, { component: 'node-controller' }, { clock }),
      gracePeriodMs: opts.gracePeriodMs ?? DEFAULT_NODE_MONITOR_GRACE_PERIOD_MS,
    });
    this.eviction = new TaintEviction({
      ...common,
      logger: opts.logger,
      recorder: new EventRecorder(opts.client, { component: 'taint-eviction-controller' }, { clock }),
    });

    const nodeChanged = (node: Node) => this.nodeQueue.add(node.metadata?.name ?? '');
    this.nodes.onAdd(nodeChanged);
    this.nodes.onUpdate((node, old) => {
      nodeChanged(node);
      const taints = noExecuteTaints(node);
      if (taints.length === 0) this.eviction.nodeUntainted(node.metadata?.name ?? '');
      if (JSON.stringify(taints) === JSON.stringify(noExecuteTaints(old))) return;
      for (const key of podsByNode.keys(node.metadata?.name ?? '')) this.podQueue.add(key);
    });
    this.nodes.onDelete((node) => {
      nodeChanged(node);
      this.eviction.nodeUntainted(node.metadata?.name ?? '');
      for (const key of podsByNode.keys(node.metadata?.name ?? '')) this.podQueue.add(key);
    });
    // A lease is named after its node.
    const leaseChanged = (lease: NodeLease) => this.nodeQueue.add(lease.metadata?.name ?? '');
    this.leases.onAdd(leaseChanged);
    this.leases.onUpdate(leaseChanged);
    const podChanged = (pod: Pod) => {
      if (pod.spec?.nodeName) this.podQueue.add(keyOf(pod));
    };
    this.pods.onAdd(podChanged);
    this.pods.onUpdate(podChanged);
    this.pods.onDelete(podChanged);
  }

  /** Resolves once the caches are synced and the workers run. */
  async start(): Promise<void> {
    await Promise.all([this.nodes.start(), this.leases.start(), this.pods.start()]);
    this.log.info({ nodes: this.nodes.list().length, pods: this.pods.list().length }, 'node lifecycle controller synced');
    this.loops = Promise.all([
      runWorkers(this.nodeQueue, this.workers, (name) => this.monitor.reconcile(name), {
        onError: (name, err) => this.log.warn({ node: name, err: (err as Error).message }, 'node health check failed, will retry'),
      }),
      runWorkers(this.podQueue, this.workers, (key) => this.eviction.reconcile(key), {
        onError: (key, err) => this.log.warn({ pod: key, err: (err as Error).message }, 'taint eviction failed, will retry'),
      }),
    ]);
  }

  async stop(): Promise<void> {
    this.releaseInformers();
    this.nodeQueue.shutDown();
    this.podQueue.shutDown();
    await this.loops;
  }
}
