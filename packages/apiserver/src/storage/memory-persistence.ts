// Persistence that lives as long as the process: the backing of the memory store used in tests and
// throwaway clusters. It keeps the full uncompacted change log so watch resume behaves exactly as
// with LevelDB, and survives close()/open() of the same store instance.

import type { StoreEvent, StoredValue } from './object-store.js';
import type { PersistedState, StorePersistence } from './store-persistence.js';

export class MemoryPersistence implements StorePersistence {
  private readonly objects = new Map<string, StoredValue>();
  /** consecutive revisions, oldest first */
  private log: StoreEvent[] = [];
  private revision = 0;
  private compactRevision = 0;

  async load(): Promise<PersistedState> {
    return { objects: [...this.objects.values()], revision: this.revision, compactRevision: this.compactRevision };
  }

  async commit(events: readonly StoreEvent[]): Promise<void> {
    for (const event of events) {
      if (event.type === 'DELETED') this.objects.delete(event.object.key);
      else this.objects.set(event.object.key, event.object);
      this.log.push(event);
      this.revision = event.revision;
    }
  }

  async readHistory(afterRevision: number): Promise<StoreEvent[]> {
    const oldest = this.log[0]?.revision ?? this.revision + 1;
    // revisions are consecutive, so the position of a revision is its distance from the oldest
    return this.log.slice(Math.max(0, afterRevision + 1 - oldest));
  }

  async compact(revision: number): Promise<void> {
    this.log = this.log.filter((event) => event.revision > revision);
    this.compactRevision = Math.max(this.compactRevision, revision);
  }

  async close(): Promise<void> {}
}
