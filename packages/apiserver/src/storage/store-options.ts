// Tuning knobs shared by every indexed store, with defaults sized for a local cluster.

/** Drop history older than the newest `retainRevisions`, checked after every `everyWrites` writes. */
export interface AutoCompactionPolicy {
  retainRevisions: number;
  everyWrites: number;
}

export interface ObjectStoreOptions {
  /** Newest events kept in memory so a resuming watch needs no disk read. */
  recentEvents?: number;
  /** Undelivered events one watcher may hold before it is ended with WatchOverflowError. */
  watchBufferLimit?: number;
  /** The most writes committed in one durable batch. */
  maxWritesPerBatch?: number;
  /** `false` keeps history until compact() is called. */
  autoCompaction?: AutoCompactionPolicy | false;
  /** Failures of background work (auto-compaction), which has no caller to reject. */
  onBackgroundError?: (error: unknown) => void;
}

export type ResolvedStoreOptions = Required<ObjectStoreOptions>;

export const DEFAULT_STORE_OPTIONS: ResolvedStoreOptions = {
  // events share their values with the index, but a MODIFIED event also pins the old value
  recentEvents: 2_000,
  // Kubernetes' watch cache gives each watcher a buffer of this order before terminating it
  watchBufferLimit: 1_000,
  maxWritesPerBatch: 1_000,
  // enough for a watcher that reconnects after a pause to resume instead of re-listing (410 Gone)
  autoCompaction: { retainRevisions: 10_000, everyWrites: 1_000 },
  onBackgroundError: (error) => console.error('object store: background compaction failed', error),
};

export function resolveStoreOptions(options: ObjectStoreOptions = {}): ResolvedStoreOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return { ...DEFAULT_STORE_OPTIONS, ...defined };
}
