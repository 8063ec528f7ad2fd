// Group commit and publication order of the shared store core, against a persistence whose
// commits the test holds open, fails, and counts.

import { describe, expect, it } from 'vitest';
import { IndexedObjectStore } from './indexed-object-store.js';
import { MemoryPersistence } from './memory-persistence.js';
import type { StoreEvent } from './object-store.js';
import type { ObjectStoreOptions } from './store-options.js';

class HeldPersistence extends MemoryPersistence {
  /** the revisions of each commit, in call order */
  readonly batches: number[][] = [];
  private held: Promise<void> | undefined;
  private releaseHeld: (() => void) | undefined;
  failNextCommit = false;

  hold(): void {
    this.held = new Promise((resolve) => (this.releaseHeld = resolve));
  }

  release(): void {
    this.held = undefined;
    this.releaseHeld?.();
  }

  override async commit(events: readonly StoreEvent[]): Promise<void> {
    this.batches.push(events.map((event) => event.revision));
    await this.held;
    if (this.failNextCommit) {
      this.failNextCommit = false;
      throw new Error('disk full');
    }
    await super.commit(events);
  }
}

async function openCore(options?: ObjectStoreOptions) {
  const persistence = new HeldPersistence();
  const store = new IndexedObjectStore(persistence, options);
  await store.open();
  return { store, persistence };
}

const settledState = async (promise: Promise<unknown>) => {
  let state = 'pending';
  promise.then(() => (state = 'resolved'), () => (state = 'rejected'));
  await new Promise((resolve) => setImmediate(resolve));
  return state;
};

describe('IndexedObjectStore group commit', () => {
  it('groups the writes that arrive while a batch is in flight into the next batch', async () => {
    const { store, persistence } = await openCore();
    persistence.hold();
    const first = store.create('/k/first', {});
    await new Promise((resolve) => setImmediate(resolve));
    const rest = Array.from({ length: 49 }, (_, i) => store.create(`/k/${i}`, {}));
    await new Promise((resolve) => setImmediate(resolve));
    expect(persistence.batches).toEqual([[1]]);
    persistence.release();
    await Promise.all([first, ...rest]);
    expect(persistence.batches).toEqual([[1], Array.from({ length: 49 }, (_, i) => i + 2)]);
  });

  it('splits a group larger than maxWritesPerBatch', async () => {
    const { store, persistence } = await openCore({ maxWritesPerBatch: 4 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.create(`/k/${i}`, {})));
    expect(persistence.batches.map((batch) => batch.length)).toEqual([4, 4, 2]);
  });

  it('acknowledges a write, shows it to readers and publishes it only once its batch is durable', async () => {
    const { store, persistence } = await openCore();
    const iterator = store.watch('/k/', 0, new AbortController().signal)[Symbol.asyncIterator]();
    const nextEvent = iterator.next();
    persistence.hold();
    const write = store.create('/k/a', {});
    expect(await settledState(write)).toBe('pending');
    expect(await settledState(nextEvent)).toBe('pending');
    expect(await store.get('/k/a')).toBeUndefined();
    expect(store.currentRevision()).toBe(0);
    persistence.release();
    expect((await write).modRevision).toBe(1);
    expect((await nextEvent).value).toMatchObject({ type: 'ADDED', revision: 1 });
  });

  it('rejects every write of a failed batch and leaves the store as it was', async () => {
    const { store, persistence } = await openCore();
    persistence.failNextCommit = true;
    const results = await Promise.allSettled([store.create('/k/a', {}), store.create('/k/b', {})]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(store.currentRevision()).toBe(0);
    expect(await store.get('/k/a')).toBeUndefined();
    expect((await store.create('/k/a', {})).modRevision).toBe(1);
  });

  it('rejects a value that is not JSON without consuming a revision', async () => {
    const { store } = await openCore();
    await expect(store.create('/k/a', { size: 1n })).rejects.toThrow(TypeError);
    expect(store.currentRevision()).toBe(0);
  });
});
