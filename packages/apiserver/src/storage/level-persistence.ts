// LevelDB persistence. Layout, one keyspace with prefixes:
//   o/<key>                       → ObjectRecord (current state)
//   l/<revision, 16 digits, 0-padded> → ChangeRecord (the change log, in revision order)
//   m/revision, m/compact         → numbers
// Every commit is ONE batch written with { sync: true }: a crash never leaves half a write, and a
// write is on disk before it is acknowledged.

import { Level } from 'level';
import {
  fromChangeRecord,
  fromObjectRecord,
  toChangeRecord,
  toObjectRecord,
  type ChangeRecord,
  type ObjectRecord,
} from './change-record.js';
import type { StoreEvent, StoredValue } from './object-store.js';
import type { PersistedState, StorePersistence } from './store-persistence.js';

const OBJECT_PREFIX = 'o/';
const LOG_PREFIX = 'l/';
const REVISION_KEY = 'm/revision';
const COMPACT_KEY = 'm/compact';
/** '0' is the character after '/', so [p/, p0) holds exactly the keys under p/ */
const rangeEnd = (prefix: string) => `${prefix.slice(0, -1)}0`;
/** zero-padded so LevelDB's byte order is numeric order; 16 digits exceed Number.MAX_SAFE_INTEGER */
const logKey = (revision: number) => LOG_PREFIX + String(revision).padStart(16, '0');

/** Another process (another API server) holds the LevelDB lock on this directory. */
export class DataDirectoryInUseError extends Error {
  constructor(readonly directory: string, options?: ErrorOptions) {
    super(`data directory ${directory} is in use by another kctl API server`, options);
    this.name = 'DataDirectoryInUseError';
  }
}

type BatchOperation = { type: 'put'; key: string; value: unknown } | { type: 'del'; key: string };

export class LevelPersistence implements StorePersistence {
  private readonly db: Level<string, unknown>;

  constructor(readonly directory: string) {
    this.db = new Level<string, unknown>(directory, { valueEncoding: 'json' });
  }

  async load(): Promise<PersistedState> {
    await this.openDatabase();
    const revision = ((await this.db.get(REVISION_KEY)) as number | undefined) ?? 0;
    const compactRevision = ((await this.db.get(COMPACT_KEY)) as number | undefined) ?? 0;
    const objects: StoredValue[] = [];
    for await (const [key, record] of this.db.iterator({ gte: OBJECT_PREFIX, lt: rangeEnd(OBJECT_PREFIX) })) {
      objects.push(fromObjectRecord(key.slice(OBJECT_PREFIX.length), record as ObjectRecord));
    }
    // finishes a compaction that crashed after recording its revision but before clearing the log
    await this.db.clear({ gte: LOG_PREFIX, lte: logKey(compactRevision) });
    return { objects, revision, compactRevision };
  }

  async commit(events: readonly StoreEvent[]): Promise<void> {
    const last = events.at(-1);
    if (!last) return;
    const operations: BatchOperation[] = [];
    for (const event of events) {
      const objectKey = OBJECT_PREFIX + event.object.key;
      operations.push(
        event.type === 'DELETED'
          ? { type: 'del', key: objectKey }
          : { type: 'put', key: objectKey, value: toObjectRecord(event.object) },
        { type: 'put', key: logKey(event.revision), value: toChangeRecord(event) },
      );
    }
    operations.push({ type: 'put', key: REVISION_KEY, value: last.revision });
    await this.db.batch(operations, { sync: true });
  }

  async readHistory(afterRevision: number): Promise<StoreEvent[]> {
    const events: StoreEvent[] = [];
    for await (const [key, record] of this.db.iterator({ gt: logKey(afterRevision), lt: rangeEnd(LOG_PREFIX) })) {
      events.push(fromChangeRecord(Number(key.slice(LOG_PREFIX.length)), record as ChangeRecord));
    }
    return events;
  }

  async compact(revision: number): Promise<void> {
    // the revision first: if we crash before the log is cleared, load() clears the rest
    await this.db.put(COMPACT_KEY, revision, { sync: true });
    await this.db.clear({ gte: LOG_PREFIX, lte: logKey(revision) });
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  private async openDatabase(): Promise<void> {
    try {
      await this.db.open();
    } catch (error) {
      // classic-level reports the held lock as LEVEL_DATABASE_NOT_OPEN caused by LEVEL_LOCKED
      const cause = (error as { cause?: { code?: unknown } }).cause;
      if (cause?.code === 'LEVEL_LOCKED') throw new DataDirectoryInUseError(this.directory, { cause: error });
      throw error;
    }
  }
}
