// client-go's rate-limited work queue: a key waits at most once in the queue however often it is
// added, a key being processed is never handed to a second worker (re-added meanwhile, it comes
// back after done()), and failures are retried with per-key exponential back-off.
import { ItemExponentialRateLimiter } from './rate-limiter.js';
import type { RateLimiter } from './rate-limiter.js';

export interface WorkQueueOptions<K> {
  rateLimiter?: RateLimiter<K>;
}

export class WorkQueue<K = string> {
  private readonly queue: K[] = [];
  /** keys waiting in `queue` or waiting to be re-queued once their processing is done */
  private readonly dirty = new Set<K>();
  private readonly processing = new Set<K>();
  private readonly waiters: Array<(key: K | undefined) => void> = [];
  private readonly delayed = new Map<K, { timer: NodeJS.Timeout; dueAt: number }>();
  private readonly rateLimiter: RateLimiter<K>;
  private shuttingDown = false;

  constructor(opts: WorkQueueOptions<K> = {}) {
    this.rateLimiter = opts.rateLimiter ?? new ItemExponentialRateLimiter<K>();
  }

  get length(): number {
    return this.queue.length;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  add(key: K): void {
    if (this.shuttingDown || this.dirty.has(key)) return;
    this.dirty.add(key);
    // Being processed: done() puts it back, so one key never runs twice at once.
    if (this.processing.has(key)) return;
    const waiter = this.waiters.shift();
    if (waiter) {
      this.dirty.delete(key);
      this.processing.add(key);
      waiter(key);
    } else {
      this.queue.push(key);
    }
  }

  /** Adds the key after ms; an earlier pending add for the same key wins, as in client-go. */
  addAfter(key: K, ms: number): void {
    if (this.shuttingDown) return;
    if (ms <= 0) {
      this.add(key);
      return;
    }
    const dueAt = Date.now() + ms;
    const pending = this.delayed.get(key);
    if (pending && pending.dueAt <= dueAt) return;
    if (pending) clearTimeout(pending.timer);
    const timer = setTimeout(() => {
      this.delayed.delete(key);
      this.add(key);
    }, ms);
    this.delayed.set(key, { timer, dueAt });
  }

  /** Re-adds the key after its back-off, which doubles with each failure until forget(). */
  addRateLimited(key: K): void {
    this.addAfter(key, this.rateLimiter.when(key));
  }

  /** The key succeeded: stop counting its failures. */
  forget(key: K): void {
    this.rateLimiter.forget(key);
  }

  numRequeues(key: K): number {
    return this.rateLimiter.retries(key);
  }

  /** The next key to process (mark it done() afterwards); undefined once shut down and drained. */
  get(): Promise<K | undefined> {
    const key = this.queue.shift();
    if (key !== undefined) {
      this.dirty.delete(key);
      this.processing.add(key);
      return Promise.resolve(key);
    }
    if (this.shuttingDown) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Processing of the key has finished; if it was added meanwhile, it goes back in the queue. */
  done(key: K): void {
    this.processing.delete(key);
    if (this.dirty.has(key)) {
      this.dirty.delete(key);
      this.add(key);
    }
  }

  /** Stops accepting keys and wakes idle workers; keys already queued are still handed out. */
  shutDown(): void {
    this.shuttingDown = true;
    for (const { timer } of this.delayed.values()) clearTimeout(timer);
    this.delayed.clear();
    for (const waiter of this.waiters.splice(0)) waiter(undefined);
  }
}
