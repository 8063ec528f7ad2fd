// What the indexed store needs from a durable medium. The store keeps its own in-memory index of
// current objects and a ring of recent events; persistence only has to remember them across
// restarts and serve older history. Kept this small so a new medium (etcd, SQLite) is one file.

import type { StoreEvent, StoredValue } from './object-store.js';

export interface PersistedState {
  /** every current object, in any order */
  objects: StoredValue[];
  /** the revision of the newest committed change (0 when empty) */
  revision: number;
  /** history at or below this revision has been dropped */
  compactRevision: number;
}

export interface StorePersistence {
  /** Opens the medium and reads the durable state. */
  load(): Promise<PersistedState>;
  /**
   * Records these changes (consecutive revisions, oldest first) as ONE atomic batch: the objects,
   * the change-log entries and the new revision. Durable once the promise resolves.
   */
  commit(events: readonly StoreEvent[]): Promise<void>;
  /** The retained change log after this revision, oldest first. */
  readHistory(afterRevision: number): Promise<StoreEvent[]>;
  /** Drops change-log entries at or below this revision and records it as the compact revision. */
  compact(revision: number): Promise<void>;
  close(): Promise<void>;
}
