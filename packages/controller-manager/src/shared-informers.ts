// client-go's SharedInformerFactory: one Informer (one list, one watch, one cache) per resource
// type and selectors for the whole controller manager, its events fanned out to every controller
// that registered handlers. Without it each controller watched pods on its own, so every pod
// event crossed the wire, was parsed and cached once per controller. Cached objects are shared
// by all controllers (and frozen): a controller that wants to change one must copy it first.
import { Informer } from '@kctl/shared';
import type { ApiClient, BackoffOptions, ObjectWithMeta, ResourceType } from '@kctl/shared';

/** What narrows a watch; informers are shared only between identical selections. */
export interface InformerSelection {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface SharedInformerFactoryOptions {
  reconnectBackoff?: BackoffOptions;
  /** where an exception thrown by any controller's handler goes (the informer keeps going) */
  onHandlerError?: (err: unknown) => void;
}

function selectionKey(type: ResourceType, selection: InformerSelection): string {
  return JSON.stringify([type.group, type.version, type.resource, selection.namespace ?? '', selection.labelSelector ?? '', selection.fieldSelector ?? '']);
}

export class SharedInformerFactory {
  // Informer<T> is invariant in T, so the map holds them untyped; informerFor restores the type.
  private readonly informers = new Map<string, Informer<ObjectWithMeta>>();
  private started = false;
  private stopped = false;

  constructor(
    private readonly client: ApiClient,
    private readonly opts: SharedInformerFactoryOptions = {},
  ) {}

  /**
   * The one informer for this type and selection. Register handlers at will: each sees every
   * event, and one registered after the cache synced is first handed the cached objects as adds.
   * Informers asked for after start() are started at once.
   */
  informerFor<T extends ObjectWithMeta>(type: ResourceType, selection: InformerSelection = {}): Informer<T> {
    const key = selectionKey(type, selection);
    let informer = this.informers.get(key);
    if (!informer) {
      informer = new Informer<ObjectWithMeta>(this.client, type, {
        ...(selection.namespace ? { namespace: selection.namespace } : {}),
        ...(selection.labelSelector ? { labelSelector: selection.labelSelector } : {}),
        ...(selection.fieldSelector ? { fieldSelector: selection.fieldSelector } : {}),
        ...(this.opts.reconnectBackoff ? { reconnectBackoff: this.opts.reconnectBackoff } : {}),
        ...(this.opts.onHandlerError ? { onHandlerError: this.opts.onHandlerError } : {}),
      });
      this.informers.set(key, informer);
      if (this.started && !this.stopped) void informer.start();
    }
    return informer as unknown as Informer<T>;
  }

  /** Starts every informer asked for so far (once) and resolves when all their caches are synced. */
  async start(): Promise<void> {
    this.started = true;
    await Promise.all([...this.informers.values()].map((informer) => informer.start()));
  }

  stop(): void {
    this.stopped = true;
    for (const informer of this.informers.values()) informer.stop();
  }

  /** How many distinct informers (watches) exist: what sharing saves is visible in tests. */
  get size(): number {
    return this.informers.size;
  }
}

export interface ControllerInformerOptions {
  client: ApiClient;
  /** the controller manager's shared factory; without one the controller gets a private factory */
  informers?: SharedInformerFactory;
  reconnectBackoff?: BackoffOptions;
}

/**
 * A controller's source of informers: the shared factory it was given, or a private one (a
 * controller run alone, as in its unit tests). release() stops the informers only when they are
 * the controller's own: shared ones belong to the manager, which stops them after every controller.
 */
export function controllerInformers(opts: ControllerInformerOptions, onHandlerError: (err: unknown) => void): { factory: SharedInformerFactory; release(): void } {
  if (opts.informers) return { factory: opts.informers, release: () => {} };
  const factory = new SharedInformerFactory(opts.client, {
    ...(opts.reconnectBackoff ? { reconnectBackoff: opts.reconnectBackoff } : {}),
    onHandlerError,
  });
  return { factory, release: () => factory.stop() };
}
