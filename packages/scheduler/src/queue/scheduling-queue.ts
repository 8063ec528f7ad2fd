// kube-scheduler's PriorityQueue, reduced to what kctl needs: an active queue ordered by pod
// priority then arrival, the pods that fit nowhere ("unschedulable") parked until the cluster
// changes, and a per-pod back-off (1 s doubling to 10 s) so a pod that keeps failing is retried at
// most that often. Parked pods are also retried after maxInUnschedulableMs, changes or not.
import { BinaryHeap } from './binary-heap.js';

export interface SchedulingQueueOptions {
  /** podInitialBackoffSeconds: 1 s */
  initialBackoffMs?: number;
  /** podMaxBackoffSeconds: 10 s */
  maxBackoffMs?: number;
  /** podMaxInUnschedulablePodsDuration: 5 min */
  maxInUnschedulableMs?: number;
  /** how often parked pods are checked against maxInUnschedulableMs (upstream: 30 s) */
  flushIntervalMs?: number;
}

export const DEFAULT_QUEUE_OPTIONS: Required<SchedulingQueueOptions> = {
  initialBackoffMs: 1_000,
  maxBackoffMs: 10_000,
  maxInUnschedulableMs: 5 * 60_000,
  flushIntervalMs: 30_000,
};

interface ActiveEntry {
  key: string;
  priority: number;
  seq: number;
  removed: boolean;
}

interface Attempts {
  count: number;
  lastFailure: number;
}

export class SchedulingQueue {
  private readonly opts: Required<SchedulingQueueOptions>;
  private readonly heap = new BinaryHeap<ActiveEntry>((a, b) => a.priority > b.priority || (a.priority === b.priority && a.seq < b.seq));
  private readonly active = new Map<string, ActiveEntry>();
  private readonly unschedulable = new Map<string, { priority: number; since: number }>();
  private readonly backingOff = new Map<string, NodeJS.Timeout>();
  private readonly attempts = new Map<string, Attempts>();
  private readonly waiters: Array<(key: string | undefined) => void> = [];
  private readonly flushTimer: NodeJS.Timeout;
  private seq = 0;
  private closed = false;

  constructor(
    opts: SchedulingQueueOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.opts = { ...DEFAULT_QUEUE_OPTIONS, ...opts };
    this.flushTimer = setInterval(() => this.flushLongUnschedulable(), this.opts.flushIntervalMs);
    this.flushTimer.unref();
  }

  get activeCount(): number {
    return this.active.size;
  }

  get unschedulableCount(): number {
    return this.unschedulable.size;
  }

  has(key: string): boolean {
    return this.active.has(key) || this.unschedulable.has(key) || this.backingOff.has(key);
  }

  /** A pod to schedule now (new, or changed in a way that may make it fit). */
  activate(key: string, priority: number): void {
    if (this.closed) return;
    this.unschedulable.delete(key);
    this.clearBackoff(key);
    if (this.active.has(key)) return;
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter(key);
      return;
    }
    const entry = { key, priority, seq: this.seq++, removed: false };
    this.active.set(key, entry);
    this.heap.push(entry);
  }

  /** Adds the pod only if the queue does not hold it already (informer adds and resyncs). */
  addIfAbsent(key: string, priority: number): void {
    if (!this.has(key)) this.activate(key, priority);
  }

  /** The pod fits nowhere: park it until the cluster changes. */
  markUnschedulable(key: string, priority: number): void {
    if (this.closed) return;
    this.recordFailure(key);
    this.unschedulable.set(key, { priority, since: this.now() });
  }

  /** Something went wrong (a failed binding): retry after the pod's back-off. */
  retryAfterBackoff(key: string, priority: number): void {
    if (this.closed) return;
    this.recordFailure(key);
    this.activateAfterBackoff(key, priority);
  }

  /** The cluster changed in a way that may let parked pods fit: retry them (after their back-off). */
  moveAllUnschedulable(): void {
    for (const [key, { priority }] of [...this.unschedulable]) {
      this.unschedulable.delete(key);
      this.activateAfterBackoff(key, priority);
    }
  }

  /** The pod is gone, bound, or no longer ours. */
  remove(key: string): void {
    const entry = this.active.get(key);
    if (entry) entry.removed = true;
    this.active.delete(key);
    this.unschedulable.delete(key);
    this.clearBackoff(key);
    this.attempts.delete(key);
  }

  /** The next pod key to schedule; undefined once closed. */
  pop(): Promise<string | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    for (;;) {
      const entry = this.heap.pop();
      if (!entry) break;
      if (entry.removed) continue;
      this.active.delete(entry.key);
      return Promise.resolve(entry.key);
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    clearInterval(this.flushTimer);
    for (const timer of this.backingOff.values()) clearTimeout(timer);
    this.backingOff.clear();
    for (const waiter of this.waiters.splice(0)) waiter(undefined);
  }

  /** How long the pod still has to wait: initial × 2^(failures−1), capped, from its last failure. */
  backoffRemaining(key: string): number {
    const a = this.attempts.get(key);
    if (!a) return 0;
    const duration = Math.min(this.opts.maxBackoffMs, this.opts.initialBackoffMs * 2 ** (a.count - 1));
    return Math.max(0, a.lastFailure + duration - this.now());
  }

  private recordFailure(key: string): void {
    const a = this.attempts.get(key);
    this.attempts.set(key, { count: (a?.count ?? 0) + 1, lastFailure: this.now() });
  }

  private activateAfterBackoff(key: string, priority: number): void {
    const wait = this.backoffRemaining(key);
    if (wait <= 0) {
      this.activate(key, priority);
      return;
    }
    if (this.backingOff.has(key)) return;
    this.backingOff.set(
      key,
      setTimeout(() => {
        this.backingOff.delete(key);
        this.activate(key, priority);
      }, wait),
    );
  }

  private clearBackoff(key: string): void {
    const timer = this.backingOff.get(key);
    if (timer) clearTimeout(timer);
    this.backingOff.delete(key);
  }

  private flushLongUnschedulable(): void {
    const cutoff = this.now() - this.opts.maxInUnschedulableMs;
    for (const [key, { priority, since }] of [...this.unschedulable]) {
      if (since <= cutoff) {
        this.unschedulable.delete(key);
        this.activateAfterBackoff(key, priority);
      }
    }
  }
}
