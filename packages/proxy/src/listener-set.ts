// Keeps the bound listeners equal to the wanted ListenerSpecs: opens the missing ones, closes the
// ones no longer wanted (live connections may finish) and re-routes the rest in place, so an
// endpoint change never re-binds a port. Syncs run one at a time; a bind that fails (a port taken
// by another program) is logged once and retried on a timer.
import type { Logger } from 'pino';
import type { Endpoint, ListenerSpec, Route } from './service-table.js';

export interface Listener {
  /** where new connections go; replaced in place when the Service port changes */
  route: Route;
  /** stops accepting; connections already open may finish: resolves once they have */
  close(): Promise<void>;
  /** ends everything at once, open connections too */
  destroy(): void;
}

/** The endpoint a new connection or flow from clientIp goes to; undefined when none is ready. */
export type ResolveEndpoint = (route: Route, clientIp: string) => Endpoint | undefined;

export type OpenListener = (spec: ListenerSpec) => Promise<Listener>;

export interface ListenerSetOptions {
  open: OpenListener;
  logger: Logger;
  retryMs?: number;
}

export class ListenerSet {
  private readonly open: OpenListener;
  private readonly log: Logger;
  private readonly retryMs: number;
  private readonly bound = new Map<string, Listener>();
  /** closed listeners whose connections are still open */
  private readonly draining = new Set<Listener>();
  /** key → the last bind error, so each failure is logged once */
  private readonly failing = new Map<string, string>();
  private desired: ListenerSpec[] = [];
  private running: Promise<void> = Promise.resolve();
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(opts: ListenerSetOptions) {
    this.open = opts.open;
    this.log = opts.logger;
    this.retryMs = opts.retryMs ?? 5_000;
  }

  /** Resolves once the listeners match `specs` (or a bind has failed and is scheduled for retry). */
  sync(specs: readonly ListenerSpec[]): Promise<void> {
    this.desired = [...specs];
    this.running = this.running.then(() => this.apply());
    return this.running;
  }

  keys(): string[] {
    return [...this.bound.keys()].sort();
  }

  /** Closes every listener and drops open connections: the proxy is stopping. */
  async destroyAll(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    await this.running;
    for (const listener of [...this.bound.values(), ...this.draining]) listener.destroy();
    this.bound.clear();
    this.draining.clear();
  }

  private async apply(): Promise<void> {
    if (this.closed) return;
    const wanted = new Map(this.desired.map((spec) => [spec.key, spec]));
    for (const [key, listener] of this.bound) {
      if (wanted.has(key)) continue;
      this.bound.delete(key);
      this.draining.add(listener);
      void listener.close().finally(() => this.draining.delete(listener));
      this.log.info({ listener: key }, 'closed listener');
    }
    for (const key of this.failing.keys()) if (!wanted.has(key)) this.failing.delete(key);
    for (const spec of wanted.values()) {
      const existing = this.bound.get(spec.key);
      if (existing) {
        existing.route = spec.route;
        continue;
      }
      try {
        this.bound.set(spec.key, await this.open(spec));
        this.failing.delete(spec.key);
        this.log.info({ listener: spec.key, backend: spec.route.backend }, 'listening');
      } catch (err) {
        const message = (err as Error).message;
        if (this.failing.get(spec.key) !== message) this.log.warn({ listener: spec.key, err: message }, 'cannot listen, will retry');
        this.failing.set(spec.key, message);
      }
    }
    if (this.failing.size > 0 && !this.retryTimer && !this.closed) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        void this.sync(this.desired);
      }, this.retryMs);
      this.retryTimer.unref();
    }
  }
}
