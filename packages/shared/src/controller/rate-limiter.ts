// Per-item exponential back-off for requeues, client-go's ItemExponentialFailureRateLimiter.
import { exponentialDelay } from '../client/backoff.js';

export interface RateLimiter<K> {
  /** How long to wait before this key's next retry; each call counts one more failure. */
  when(key: K): number;
  /** The key succeeded: its next failure starts from the base delay again. */
  forget(key: K): void;
  /** Failures counted since the last forget. */
  retries(key: K): number;
}

/** client-go's controller default: 5 ms doubling per failure, capped at 1000 s. */
export const DEFAULT_ITEM_BACKOFF = { initialMs: 5, maxMs: 1_000_000 };

export class ItemExponentialRateLimiter<K> implements RateLimiter<K> {
  private readonly failures = new Map<K, number>();

  constructor(
    private readonly initialMs = DEFAULT_ITEM_BACKOFF.initialMs,
    private readonly maxMs = DEFAULT_ITEM_BACKOFF.maxMs,
  ) {}

  when(key: K): number {
    const attempt = this.failures.get(key) ?? 0;
    this.failures.set(key, attempt + 1);
    return exponentialDelay(this.initialMs, this.maxMs, attempt);
  }

  forget(key: K): void {
    this.failures.delete(key);
  }

  retries(key: K): number {
    return this.failures.get(key) ?? 0;
  }
}
