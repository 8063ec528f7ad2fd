// client-go's EventSourceObjectSpamFilter (tools/record/events_cache.go): each (source, involved
// object, type) gets a token bucket of 25 events refilled at one per 5 minutes; events beyond it
// are dropped. A ReplicaSet scaled to 2,000 thus records ~25 SuccessfulCreate events, not 2,000
// (which would double the API writes of the scale-up). The shared EventRecorder has no spam
// filter yet; this one guards the controllers' pod events.

export const DEFAULT_SPAM_BURST = 25;
export const DEFAULT_SPAM_QPS = 1 / 300;

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export interface SpamFilterOptions {
  burst?: number;
  qps?: number;
  clock?: () => number;
  /** how many keys to remember (least recently used go first), as client-go's LRU of 4096 */
  maxKeys?: number;
}

export class EventSpamFilter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly burst: number;
  private readonly qps: number;
  private readonly clock: () => number;
  private readonly maxKeys: number;

  constructor(opts: SpamFilterOptions = {}) {
    this.burst = opts.burst ?? DEFAULT_SPAM_BURST;
    this.qps = opts.qps ?? DEFAULT_SPAM_QPS;
    this.clock = opts.clock ?? Date.now;
    this.maxKeys = opts.maxKeys ?? 4096;
  }

  /** True when an event under this key may be written now (and takes its token). */
  allow(key: string): boolean {
    const now = this.clock();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, updatedAt: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.qps);
    bucket.updatedAt = now;
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
