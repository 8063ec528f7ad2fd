// The taint manager (pkg/controller/tainteviction): a pod bound to a node with NoExecute taints
// is deleted at once when it does not tolerate them all, after the shortest tolerationSeconds
// of the tolerations it uses when it does, and never when they are unbounded. A scheduled
// eviction is cancelled when the taints go away first. Deletion is the ordinary graceful one:
// on a node whose kubelet is gone the pod stays Terminating until the kubelet returns.
import { ApiError, defaultCatalog, metaTime, resourcePath } from '@kctl/shared';
import type { ApiClient, EventRecorder, Informer, Node, Pod } from '@kctl/shared';
import type { Logger } from 'pino';
import { evictionDecision, taintedSince } from './eviction-decision.js';
import { noExecuteTaints } from './node-taints.js';

const PODS = defaultCatalog.resolve('pods')!;
export const EVICTION_REASON = 'TaintManagerEviction';

export interface TaintEvictionDeps {
  client: ApiClient;
  logger: Logger;
  nodes: Informer<Node>;
  pods: Informer<Pod>;
  recorder: EventRecorder;
  now: () => number;
}

export class TaintEviction {
  /** Pods with an eviction pending, so a cancellation can be reported like upstream does. */
  private readonly scheduled = new Set<string>();
  /**
   * Pods this controller deleted (key → uid) whose deletion the cache has not shown yet: a
   * reconcile from that stale cache must not evict (and report) them a second time.
   */
  private readonly evicted = new Map<string, string>();
  /** When this controller first saw a node's NoExecute taints, for taints without timeAdded. */
  private readonly firstSeenTainted = new Map<string, number>();

  constructor(private readonly deps: TaintEvictionDeps) {}

  /** The node's NoExecute taints are gone: forget when they came. */
  nodeUntainted(node: string): void {
    this.firstSeenTainted.delete(node);
  }

  async reconcile(key: string): Promise<{ requeueAfter?: number }> {
    const slash = key.indexOf('/');
    const pod = this.deps.pods.get(key.slice(0, slash), key.slice(slash + 1));
    const nodeName = pod?.spec?.nodeName;
    if (!pod || !nodeName || pod.metadata?.deletionTimestamp) {
      this.scheduled.delete(key);
      this.evicted.delete(key);
      return {};
    }
    if (this.evicted.get(key) === pod.metadata?.uid) return {};
    const taints = noExecuteTaints(this.deps.nodes.get(undefined, nodeName));
    const now = this.deps.now();
    let firstSeen = this.firstSeenTainted.get(nodeName);
    if (taints.length > 0 && firstSeen === undefined) this.firstSeenTainted.set(nodeName, (firstSeen = now));
    const decision = evictionDecision(pod, taints, taintedSince(taints, firstSeen ?? now));
    if (decision.kind === 'keep') {
      await this.cancel(key, pod);
      return {};
    }
    if (decision.at > now) {
      this.scheduled.add(key);
      return { requeueAfter: decision.at - now };
    }
    await this.evict(pod, now);
    this.scheduled.delete(key);
    this.evicted.set(key, pod.metadata?.uid ?? '');
    return {};
  }

  private async cancel(key: string, pod: Pod): Promise<void> {
    if (!this.scheduled.delete(key)) return;
    await this.deps.recorder.record(pod, 'Normal', EVICTION_REASON, `Cancelling deletion of Pod ${key}`).catch(() => {});
  }

  private async evict(pod: Pod, now: number): Promise<void> {
    const { client, recorder, logger } = this.deps;
    const namespace = pod.metadata?.namespace ?? '';
    const name = pod.metadata?.name ?? '';
    await recorder.record(pod, 'Normal', EVICTION_REASON, `Marking for deletion Pod ${namespace}/${name}`).catch(() => {});
    try {
      await this.markDisruptionTarget(pod, now);
      await client.delete(resourcePath(PODS, namespace, name));
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 404)) throw err;
    }
    logger.info({ pod: `${namespace}/${name}`, node: pod.spec?.nodeName }, 'evicted pod from a NoExecute-tainted node');
  }

  /** The DisruptionTarget condition tells the pod's owners why it went (PodDisruptionConditions). */
  private async markDisruptionTarget(pod: Pod, now: number): Promise<void> {
    if (pod.status?.conditions?.some((c) => c.type === 'DisruptionTarget' && c.status === 'True')) return;
    const copy = structuredClone(pod);
    const condition = {
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
      lastTransitionTime: metaTime(now),
    };
    copy.status = { ...copy.status, conditions: [...(copy.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'), condition] };
    await this.deps.client.replace(resourcePath(PODS, pod.metadata?.namespace, pod.metadata?.name, 'status'), copy);
  }
}
