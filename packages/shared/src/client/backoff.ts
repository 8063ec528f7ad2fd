// Exponential back-off shared by the informer's reconnects and the work queue's rate limiter.

/** initialMs × 2^attempt, capped at maxMs (attempt 0 is the first retry). */
export function exponentialDelay(initialMs: number, maxMs: number, attempt: number): number {
  // 2^attempt overflows to Infinity long after it passes any cap, so Math.min stays correct.
  return Math.min(maxMs, initialMs * 2 ** attempt);
}

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

/** A back-off that doubles on every failure and starts over after a success. */
export class ExponentialBackoff {
  private attempt = 0;

  constructor(readonly opts: BackoffOptions) {}

  next(): number {
    return exponentialDelay(this.opts.initialMs, this.opts.maxMs, this.attempt++);
  }

  reset(): void {
    this.attempt = 0;
  }
}

/** Resolves after ms, or at once when the signal aborts (never rejects). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
