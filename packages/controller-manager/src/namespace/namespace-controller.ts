// The namespace controller (Kubernetes' pkg/controller/namespace): a namespace with a
// deletionTimestamp is Terminating; its content is deleted kind by kind, its status conditions
// say what remains, and once nothing does the controller removes the `kubernetes` finalizer
// through the finalize subresource, which lets the API server delete the namespace.
import { ApiError, WorkQueue, defaultCatalog, metaTime, resourcePath, runWorkers } from '@kctl/shared';
import type { Informer, ApiClient, BackoffOptions, Namespace, ResourceCatalog, ResourceType } from '@kctl/shared';
import type { Logger } from 'pino';
import { deletionConditions, mergeConditions } from './deletion-conditions.js';
import type { NamespaceCondition } from './deletion-conditions.js';
import { deleteAllContent, namespacedKinds } from './namespaced-content-deleter.js';
import { controllerInformers } from '../shared-informers.js';
import type { SharedInformerFactory } from '../shared-informers.js';
import { isNotFound } from '../controller-runtime.js';

export const KUBERNETES_FINALIZER = 'kubernetes';

export interface NamespaceControllerOptions {
  client: ApiClient;
  logger: Logger;
  catalog?: ResourceCatalog;
  /** Kubernetes: --concurrent-namespace-syncs=10 */
  workers?: number;
  /**
   * Longest wait before looking again at a namespace whose content is still going. Kubernetes
   * waits half the longest grace period; a short cap keeps deletion snappy on a small cluster.
   */
  maxRecheckMs?: number;
  reconnectBackoff?: BackoffOptions;
  /** the controller manager's shared informers; without them the controller makes its own */
  informers?: SharedInformerFactory;
}

const NAMESPACES = defaultCatalog.resolve('namespaces')!;
const isConflict = (err: unknown) => err instanceof ApiError && err.code === 409;

export class NamespaceController {
  private readonly client: ApiClient;
  private readonly log: Logger;
  private readonly workers: number;
  private readonly maxRecheckMs: number;
  private readonly kinds: ResourceType[];
  private readonly namespaces: Informer<Namespace>;
  private readonly queue = new WorkQueue<string>();
  private loop: Promise<void> | undefined;
  private readonly releaseInformers: () => void;

  constructor(opts: NamespaceControllerOptions) {
    this.client = opts.client;
    this.log = opts.logger;
    this.workers = opts.workers ?? 5;
    this.maxRecheckMs = opts.maxRecheckMs ?? 1_000;
    this.kinds = namespacedKinds(opts.catalog ?? defaultCatalog);
    const { factory, release } = controllerInformers(opts, (err) => this.log.error({ err }, 'informer handler failed'));
    this.releaseInformers = release;
    this.namespaces = factory.informerFor<Namespace>(NAMESPACES);
    const enqueue = (ns: Namespace) => {
      if (ns.metadata?.deletionTimestamp) this.queue.add(ns.metadata.name ?? '');
    };
    this.namespaces.onAdd(enqueue);
    this.namespaces.onUpdate(enqueue);
  }

  async start(): Promise<void> {
    await this.namespaces.start();
    this.loop = runWorkers(this.queue, this.workers, (name) => this.reconcile(name), {
      onError: (name, err) => this.log.warn({ namespace: name, err: (err as Error).message }, 'namespace deletion failed, will retry'),
    });
  }

  async stop(): Promise<void> {
    this.releaseInformers();
    this.queue.shutDown();
    await this.loop;
  }

  async reconcile(name: string): Promise<{ requeueAfter: number } | void> {
    // The live object: a stale cache must never finalize a namespace that is not terminating.
    let ns = await this.getNamespace(name);
    if (!ns?.metadata?.deletionTimestamp) return;
    if (ns.status?.phase !== 'Terminating') ns = await this.writeStatus({ ...ns, status: { ...ns.status, phase: 'Terminating' } });
    if (!(ns.spec?.finalizers ?? []).includes(KUBERNETES_FINALIZER)) return;
    const content = await deleteAllContent(this.client, this.kinds, name);
    const merged = mergeConditions((ns.status?.conditions ?? []) as NamespaceCondition[], deletionConditions(content), metaTime(new Date()));
    if (merged.changed) {
      ns = await this.writeStatus({ ...ns, status: { ...ns.status, conditions: merged.conditions } }).catch((err: unknown) => {
        this.log.warn({ namespace: name, err: (err as Error).message }, 'could not update namespace conditions');
        return ns as Namespace;
      });
    }
    if (content.errors.length > 0) throw new Error(content.errors.join('; '));
    if (content.remaining.size > 0) {
      this.log.debug({ namespace: name, remaining: Object.fromEntries(content.remaining) }, 'content remaining');
      return { requeueAfter: Math.min((content.estimateSeconds / 2 + 1) * 1000, this.maxRecheckMs) };
    }
    await this.finalize(ns);
  }

  private async finalize(ns: Namespace): Promise<void> {
    const name = ns.metadata?.name ?? '';
    const finalizers = (ns.spec?.finalizers ?? []).filter((f) => f !== KUBERNETES_FINALIZER);
    try {
      await this.client.replace(resourcePath(NAMESPACES, undefined, name, 'finalize'), { ...ns, spec: { ...ns.spec, finalizers } });
      this.log.info({ namespace: name }, 'namespace content deleted, finalized');
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  private async getNamespace(name: string): Promise<Namespace | undefined> {
    try {
      return await this.client.get<Namespace>(resourcePath(NAMESPACES, undefined, name));
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  private async writeStatus(ns: Namespace): Promise<Namespace> {
    try {
      return await this.client.replace<Namespace>(resourcePath(NAMESPACES, undefined, ns.metadata?.name ?? '', 'status'), ns);
    } catch (err) {
      if (isConflict(err)) throw new Error(`namespace ${ns.metadata?.name} changed meanwhile`);
      throw err;
    }
  }
}
