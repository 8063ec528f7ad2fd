// The ObjectStore behind both the memory and the LevelDB store. Reads and lists are served from an
// in-memory index of current objects; writes go through group commit (validated in order, one
// durable batch per group, see write-planner.ts and group-commit-queue.ts); watches replay from a
// ring of recent events or, for older revisions, from persistence, then go live.
//
// After a batch is durable, ONE synchronous step applies it: index, revision, recent events,
// every watcher's buffer, and only then are the writers resolved. So a list always reflects
// exactly its revision, and a client that saw its write acknowledged and then watches from that
// revision cannot miss a later event.

import { frozenJsonCopy } from './frozen-json.js';
import { GroupCommitQueue, type Outcome } from './group-commit-queue.js';
import { CompactedError } from './object-store.js';
import type { ListOptions, ListResult, ObjectStore, StoreEvent, StoredValue } from './object-store.js';
import { RecentEvents } from './recent-events.js';
import { SortedKeyIndex } from './sorted-key-index.js';
import { resolveStoreOptions, type ObjectStoreOptions, type ResolvedStoreOptions } from './store-options.js';
import type { StorePersistence } from './store-persistence.js';
import { StoreWatcher } from './store-watcher.js';
import { planWrites, type WriteRequest } from './write-planner.js';

type JsonObject = Record<string, unknown>;
type Lifecycle = 'closed' | 'opening' | 'open' | 'closing';

export class IndexedObjectStore implements ObjectStore {
  private readonly options: ResolvedStoreOptions;
  private readonly index = new SortedKeyIndex();
  private readonly recent: RecentEvents;
  private readonly watchers = new Set<StoreWatcher>();
  private readonly writes: GroupCommitQueue<WriteRequest, StoredValue>;
  private lifecycle: Lifecycle = 'closed';
  private revision = 0;
  private compactedThrough = 0;
  /** compactions run one after another; close() waits for the last */
  private compaction: Promise<void> = Promise.resolve();
  private writesSinceCompactionCheck = 0;

  constructor(
    private readonly persistence: StorePersistence,
    options?: ObjectStoreOptions,
  ) {
    this.options = resolveStoreOptions(options);
    this.recent = new RecentEvents(this.options.recentEvents);
    this.writes = new GroupCommitQueue((requests) => this.commitGroup(requests), this.options.maxWritesPerBatch);
  }

  async open(): Promise<void> {
    if (this.lifecycle !== 'closed') throw new Error(`object store cannot open: it is ${this.lifecycle}`);
    this.lifecycle = 'opening';
    try {
      const state = await this.persistence.load();
      this.index.replaceAll(state.objects);
      this.revision = state.revision;
      this.compactedThrough = state.compactRevision;
      this.recent.reset(state.revision);
      this.lifecycle = 'open';
    } catch (error) {
      this.lifecycle = 'closed';
      throw error;
    }
  }

  async close(): Promise<void> {
    if (this.lifecycle !== 'open') return;
    this.lifecycle = 'closing';
    await this.writes.idle();
    await this.compaction;
    for (const watcher of [...this.watchers]) watcher.end();
    await this.persistence.close();
    this.lifecycle = 'closed';
  }

  currentRevision(): number {
    return this.revision;
  }

  compactRevision(): number {
    return this.compactedThrough;
  }

  async get(key: string): Promise<StoredValue | undefined> {
    this.assertOpen();
    return this.index.get(key);
  }

  async list(prefix: string, opts?: ListOptions): Promise<ListResult> {
    this.assertOpen();
    return { ...this.index.list(prefix, opts), revision: this.revision };
  }

  create(key: string, value: JsonObject): Promise<StoredValue> {
    return this.submit(() => ({ type: 'create', key, value: frozenJsonCopy(value) }));
  }

  update(key: string, value: JsonObject, expectedRevision?: number): Promise<StoredValue> {
    return this.submit(() => ({ type: 'update', key, value: frozenJsonCopy(value), expectedRevision }));
  }

  delete(key: string, expectedRevision?: number): Promise<StoredValue> {
    return this.submit(() => ({ type: 'delete', key, expectedRevision }));
  }

  watch(prefix: string, fromRevision: number, signal: AbortSignal): AsyncIterable<StoreEvent> {
    return { [Symbol.asyncIterator]: () => this.startWatch(prefix, fromRevision, signal) };
  }

  async compact(revision: number): Promise<void> {
    this.assertOpen();
    if (revision > this.revision) {
      throw new RangeError(`cannot compact to revision ${revision}: the current revision is ${this.revision}`);
    }
    if (revision <= this.compactedThrough) return;
    // raised before the log is cleared, so no new watch starts reading history that is going away
    this.compactedThrough = revision;
    const compacted = this.compaction.then(() => this.persistence.compact(revision));
    this.compaction = compacted.catch(() => {});
    await compacted;
  }

  /** `request` is built inside, so an invalid value rejects the promise instead of throwing. */
  private async submit(request: () => WriteRequest): Promise<StoredValue> {
    this.assertOpen();
    return this.writes.submit(request());
  }

  private async commitGroup(requests: WriteRequest[]): Promise<Array<Outcome<StoredValue>>> {
    const plan = planWrites(requests, (key) => this.index.get(key), this.revision);
    if (plan.events.length > 0) {
      await this.persistence.commit(plan.events);
      this.apply(plan.events);
    }
    return plan.outcomes;
  }

  private apply(events: readonly StoreEvent[]): void {
    for (const event of events) {
      if (event.type === 'DELETED') this.index.delete(event.object.key);
      else this.index.set(event.object);
      this.revision = event.revision;
      this.recent.push(event);
      for (const watcher of this.watchers) watcher.offer(event);
    }
    this.maybeCompactAutomatically(events.length);
  }

  private maybeCompactAutomatically(written: number): void {
    const policy = this.options.autoCompaction;
    if (!policy || this.lifecycle !== 'open') return;
    this.writesSinceCompactionCheck += written;
    if (this.writesSinceCompactionCheck < policy.everyWrites) return;
    this.writesSinceCompactionCheck = 0;
    const target = this.revision - policy.retainRevisions;
    if (target > this.compactedThrough) this.compact(target).catch(this.options.onBackgroundError);
  }

  private startWatch(prefix: string, afterRevision: number, signal: AbortSignal): StoreWatcher {
    const watcher = new StoreWatcher(prefix, afterRevision, this.options.watchBufferLimit, signal, (closed) =>
      this.watchers.delete(closed),
    );
    if (!watcher.accepting) return watcher; // already aborted
    if (this.lifecycle !== 'open') {
      watcher.fail(new Error(`object store is ${this.lifecycle}`));
    } else if (afterRevision < this.compactedThrough) {
      watcher.fail(new CompactedError(afterRevision, this.compactedThrough));
    } else {
      // subscribed before the replay is read: nothing committed from now on can be missed
      this.watchers.add(watcher);
      if (this.recent.covers(afterRevision)) watcher.finishReplay(this.recent.after(afterRevision));
      else void this.replayFromPersistence(watcher, afterRevision, this.revision);
    }
    return watcher;
  }

  private async replayFromPersistence(watcher: StoreWatcher, afterRevision: number, subscribedAt: number): Promise<void> {
    try {
      const history = await this.persistence.readHistory(afterRevision);
      // events already offered live cover the revisions after `subscribedAt`; history must reach it
      const first = history[0]?.revision;
      const last = history.at(-1)?.revision ?? afterRevision;
      const complete = (first === undefined || first === afterRevision + 1) && last >= subscribedAt;
      if (!complete) throw new CompactedError(afterRevision, this.compactedThrough);
      watcher.finishReplay(history);
    } catch (error) {
      watcher.fail(error);
    }
  }

  private assertOpen(): void {
    if (this.lifecycle !== 'open') throw new Error(`object store is ${this.lifecycle}`);
  }
}
