// THE storage interface, shaped like kine's Backend: keys, one global revision, optimistic
// concurrency by expected revision, and watch-from-revision over a persisted change log.
// Values are plain JSON objects; the REST layer stamps metadata.resourceVersion from modRevision.

export interface StoredValue {
  key: string;
  value: Record<string, unknown>;
  createRevision: number;
  modRevision: number;
}

export type StoreEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: StoreEventType;
  /** the revision of this change */
  revision: number;
  /** the new state; for DELETED the last state with modRevision = the deletion's revision */
  object: StoredValue;
  /** the state before the change (MODIFIED, DELETED) */
  previous?: StoredValue;
}

/** Thrown when a watch asks for a revision older than the retained history (HTTP 410). */
export class CompactedError extends Error {
  constructor(readonly requested: number, readonly compactRevision: number) {
    super(`too old resource version: ${requested} (${compactRevision})`);
    this.name = 'CompactedError';
  }
}
export class KeyExistsError extends Error {
  constructor(readonly key: string) {
    super(`key exists: ${key}`);
    this.name = 'KeyExistsError';
  }
}
export class KeyNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`key not found: ${key}`);
    this.name = 'KeyNotFoundError';
  }
}
/** The stored modRevision is not the one the caller expected (HTTP 409 Conflict). */
export class RevisionMismatchError extends Error {
  constructor(readonly key: string, readonly expected: number, readonly actual: number) {
    super(`revision mismatch for ${key}: expected ${expected}, found ${actual}`);
    this.name = 'RevisionMismatchError';
  }
}

export interface ListOptions {
  /** at most this many items (0 or absent: all) */
  limit?: number;
  /** continue after this key (exclusive) */
  startAfter?: string;
}

export interface ListResult {
  items: StoredValue[];
  /** the store's revision the list reflects */
  revision: number;
  /** more items exist after the last one returned */
  more: boolean;
}

export interface ObjectStore {
  open(): Promise<void>;
  close(): Promise<void>;
  /** The revision of the newest acknowledged write. */
  currentRevision(): number;
  /** The oldest revision a watch can still resume from (exclusive): older ones are compacted. */
  compactRevision(): number;
  get(key: string): Promise<StoredValue | undefined>;
  /** Keys with this prefix, in key order. */
  list(prefix: string, opts?: ListOptions): Promise<ListResult>;
  /** Durable once the promise resolves. KeyExistsError if present. */
  create(key: string, value: Record<string, unknown>): Promise<StoredValue>;
  /** KeyNotFoundError if absent; RevisionMismatchError if expectedRevision is given and stale. */
  update(key: string, value: Record<string, unknown>, expectedRevision?: number): Promise<StoredValue>;
  /** Returns the deleted value (modRevision = the deletion's revision). */
  delete(key: string, expectedRevision?: number): Promise<StoredValue>;
  /**
   * Events for keys with this prefix and revision > fromRevision, first replayed from history,
   * then live, in revision order, until the signal aborts. CompactedError (synchronously, from
   * the first next()) when fromRevision is older than compactRevision().
   */
  watch(prefix: string, fromRevision: number, signal: AbortSignal): AsyncIterable<StoreEvent>;
  /** Drops history at or below this revision. */
  compact(revision: number): Promise<void>;
}
