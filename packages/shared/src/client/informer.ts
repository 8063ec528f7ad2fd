// client-go's reflector and store in one: list, then watch from the list's resourceVersion;
// re-watch from the last resourceVersion seen (bookmarks advance it) when a watch ends; re-list
// when the server says that version is too old (410 Expired) and emit exactly the adds, updates
// and deletes that bring the cache in line, so no handler ever misses a deletion; and reconnect
// with back-off while the server is unreachable. Cached objects are frozen: never mutate them.
import type { ApiClient, Query } from './api-client.js';
import { ApiError } from '../api/api-errors.js';
import { isStatus } from '../api/object-types.js';
import type { KubernetesList, KubernetesObject, WatchEvent } from '../api/object-types.js';
import { apiVersionOf } from '../api/resource-catalog.js';
import type { ResourceType } from '../api/resource-catalog.js';
import { resourcePath } from './resource-path.js';
import { ExponentialBackoff, sleep } from './backoff.js';
import type { BackoffOptions } from './backoff.js';
import { deepFreeze, keyOf, objectKey } from './object-cache.js';
import type { ObjectWithMeta } from './object-cache.js';

export interface InformerOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** re-list period, default none: every period the cache is re-listed and every object is delivered to onUpdate */
  resyncMs?: number;
  /** reconnect back-off while the server is unreachable; client-go's default is 1 s doubling to 30 s */
  reconnectBackoff?: BackoffOptions;
  /** where an exception thrown by an event handler goes (default console.error); it never stops the informer */
  onHandlerError?: (err: unknown) => void;
}

export const DEFAULT_RECONNECT_BACKOFF: BackoffOptions = { initialMs: 1_000, maxMs: 30_000 };

// client-go's reflector asks the server to end each watch after a random 5–10 minutes, so that
// load spreads across servers and a silently dead connection is noticed.
const MIN_WATCH_TIMEOUT_SECONDS = 300;
// A watch that ends this quickly without any event counts as a failure for the back-off, so a
// server that accepts and drops connections is not hammered.
const SHORT_WATCH_MS = 1_000;

/** The server no longer has the history to resume from: the cache must be re-listed. */
class ResourceExpiredError extends Error {}

function isExpired(err: unknown): boolean {
  return err instanceof ResourceExpiredError || (err instanceof ApiError && (err.code === 410 || err.reason === 'Expired' || err.reason === 'Gone'));
}

// The constraint is ObjectWithMeta rather than KubernetesObject so typed kinds (Informer<Pod>) fit.
export class Informer<T extends ObjectWithMeta = KubernetesObject> {
  private cache = new Map<string, T>();
  private readonly addHandlers: Array<(obj: T) => void> = [];
  private readonly updateHandlers: Array<(obj: T, old: T) => void> = [];
  private readonly deleteHandlers: Array<(obj: T) => void> = [];
  private readonly stopController = new AbortController();
  private watchController: AbortController | undefined;
  private lastResourceVersion = '';
  private synced = false;
  private resyncDue = false;
  private resyncTimer: NodeJS.Timeout | undefined;
  private startPromise: Promise<void> | undefined;
  private readonly path: string;
  private readonly apiVersion: string;

  constructor(
    private readonly client: ApiClient,
    private readonly type: ResourceType,
    private readonly opts: InformerOptions = {},
  ) {
    this.path = resourcePath(type, opts.namespace);
    this.apiVersion = apiVersionOf(type);
  }

  /**
   * Handlers stack: every registration gets every event (a shared informer fans out to several
   * controllers). A handler registered after the initial list is first handed the objects
   * already cached, as client-go's AddEventHandler does, so a late registrant misses nothing;
   * that hand-over is synchronous, before any later event.
   */
  onAdd(fn: (obj: T) => void): void {
    this.addHandlers.push(fn);
    if (this.synced) for (const obj of this.cache.values()) this.guard(() => fn(obj));
  }

  onUpdate(fn: (obj: T, old: T) => void): void {
    this.updateHandlers.push(fn);
  }

  onDelete(fn: (obj: T) => void): void {
    this.deleteHandlers.push(fn);
  }

  get hasSynced(): boolean {
    return this.synced;
  }

  get resourceVersion(): string {
    return this.lastResourceVersion;
  }

  /** Resolves once the initial list is in the cache and delivered to onAdd (or when stopped first). */
  start(): Promise<void> {
    if (!this.startPromise) {
      this.startPromise = new Promise<void>((resolve) => {
        this.stopController.signal.addEventListener('abort', () => resolve(), { once: true });
        void this.run(resolve);
      });
      if (this.opts.resyncMs && this.opts.resyncMs > 0) {
        this.resyncTimer = setInterval(() => {
          this.resyncDue = true;
          this.watchController?.abort();
        }, this.opts.resyncMs);
      }
    }
    return this.startPromise;
  }

  stop(): void {
    clearInterval(this.resyncTimer);
    this.stopController.abort();
    this.watchController?.abort();
  }

  list(): T[] {
    return [...this.cache.values()];
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.cache.get(objectKey(namespace, name));
  }

  private get stopped(): boolean {
    return this.stopController.signal.aborted;
  }

  private async run(onSynced: () => void): Promise<void> {
    const backoff = new ExponentialBackoff(this.opts.reconnectBackoff ?? DEFAULT_RECONNECT_BACKOFF);
    let needList = true;
    while (!this.stopped) {
      try {
        if (needList || this.resyncDue) {
          const resync = this.resyncDue;
          this.resyncDue = false;
          await this.relist(resync);
          needList = false;
          backoff.reset();
          if (!this.synced) {
            this.synced = true;
            onSynced();
          }
        }
        const started = Date.now();
        const events = await this.watchOnce();
        if (events === 0 && Date.now() - started < SHORT_WATCH_MS && !this.resyncDue) await sleep(backoff.next(), this.stopController.signal);
        else backoff.reset();
      } catch (err) {
        if (this.stopped) break;
        if (isExpired(err)) {
          needList = true;
        } else if (!this.resyncDue) {
          // Unreachable or failing server: wait, then resume from the last resourceVersion
          // (or retry the list, when that was what failed).
          await sleep(backoff.next(), this.stopController.signal);
        }
      }
    }
  }

  private selectorQuery(): Query {
    return { labelSelector: this.opts.labelSelector, fieldSelector: this.opts.fieldSelector };
  }

  /** Lists afresh and emits what changed since the cache was last right (every object on a resync). */
  private async relist(deliverUnchanged: boolean): Promise<void> {
    const list = await this.client.request<KubernetesList<T>>('GET', this.path, {
      query: this.selectorQuery(),
      signal: this.stopController.signal,
    });
    const fresh = new Map<string, T>();
    for (const item of list.items) {
      // List items carry no kind; fill it in so cached objects look like watched ones.
      const obj = deepFreeze({ apiVersion: this.apiVersion, kind: this.type.kind, ...item });
      fresh.set(keyOf(obj), obj);
    }
    const previous = this.cache;
    this.cache = fresh;
    this.lastResourceVersion = list.metadata.resourceVersion ?? '';
    for (const [key, obj] of fresh) {
      const old = previous.get(key);
      if (!old) this.emit(this.addHandlers, obj);
      else if (deliverUnchanged || old.metadata?.resourceVersion !== obj.metadata?.resourceVersion) this.emitUpdate(obj, old);
    }
    for (const [key, old] of previous) {
      if (!fresh.has(key)) this.emit(this.deleteHandlers, old);
    }
  }

  /** Follows one watch stream until it ends; returns how many events arrived. */
  private async watchOnce(): Promise<number> {
    this.watchController = new AbortController();
    const query: Query = {
      ...this.selectorQuery(),
      resourceVersion: this.lastResourceVersion,
      allowWatchBookmarks: 'true',
      timeoutSeconds: Math.floor(MIN_WATCH_TIMEOUT_SECONDS * (1 + Math.random())),
    };
    let count = 0;
    try {
      for await (const event of this.client.watch<T>(this.path, query, { signal: this.watchController.signal })) {
        count++;
        this.apply(event);
      }
    } finally {
      this.watchController = undefined;
    }
    return count;
  }

  private apply(event: WatchEvent<T>): void {
    if (event.type === 'ERROR') {
      const status: unknown = event.object;
      if (isStatus(status)) {
        const err = ApiError.fromStatus(status);
        throw isExpired(err) ? new ResourceExpiredError(err.message) : err;
      }
      throw new Error(`watch of ${this.path} failed: ${JSON.stringify(status)}`);
    }
    const rv = event.object.metadata?.resourceVersion;
    if (event.type === 'BOOKMARK') {
      if (rv) this.lastResourceVersion = rv;
      return;
    }
    const obj = deepFreeze(event.object);
    const key = keyOf(obj);
    const old = this.cache.get(key);
    if (event.type === 'DELETED') {
      this.cache.delete(key);
      this.emit(this.deleteHandlers, obj);
    } else {
      this.cache.set(key, obj);
      if (old) this.emitUpdate(obj, old);
      else this.emit(this.addHandlers, obj);
    }
    if (rv) this.lastResourceVersion = rv;
  }

  private emit(handlers: Array<(obj: T) => void>, obj: T): void {
    for (const fn of handlers) this.guard(() => fn(obj));
  }

  private emitUpdate(obj: T, old: T): void {
    for (const fn of this.updateHandlers) this.guard(() => fn(obj, old));
  }

  private guard(call: () => void): void {
    try {
      call();
    } catch (err) {
      (this.opts.onHandlerError ?? ((e: unknown) => console.error('informer: event handler failed', e)))(err);
    }
  }
}
