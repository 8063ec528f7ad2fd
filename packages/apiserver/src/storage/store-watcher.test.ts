import { describe, expect, it } from 'vitest';
import type { StoreEvent } from './object-store.js';
import { StoreWatcher, WatchOverflowError } from './store-watcher.js';

const event = (revision: number, key = `/p/${revision}`): StoreEvent => ({
  type: 'ADDED',
  revision,
  object: { key, value: {}, createRevision: revision, modRevision: revision },
});

function newWatcher(afterRevision: number, bufferLimit = 100, signal = new AbortController().signal) {
  const closed: StoreWatcher[] = [];
  const watcher = new StoreWatcher('/p/', afterRevision, bufferLimit, signal, (w) => closed.push(w));
  return { watcher, closed };
}

async function drain(watcher: StoreWatcher, count: number): Promise<number[]> {
  const revisions: number[] = [];
  for (let i = 0; i < count; i++) {
    const result = await watcher.next();
    if (result.done) break;
    revisions.push(result.value.revision);
  }
  return revisions;
}

describe('StoreWatcher', () => {
  it('delivers an event that is both in the replayed history and offered live once, in order', async () => {
    const { watcher } = newWatcher(2);
    watcher.offer(event(4)); // offered while the history read is still running
    watcher.finishReplay([event(3), event(4), event(5)]);
    watcher.offer(event(5)); // committed before the history snapshot, published after it
    watcher.offer(event(6));
    expect(await drain(watcher, 4)).toEqual([3, 4, 5, 6]);
  });

  it('filters by prefix, in the replay and live', async () => {
    const { watcher } = newWatcher(0);
    watcher.finishReplay([event(1), event(2, '/q/2'), event(3)]);
    watcher.offer(event(4, '/q/4'));
    watcher.offer(event(5));
    expect(await drain(watcher, 3)).toEqual([1, 3, 5]);
  });

  it('waits for the replay before delivering live events', async () => {
    const { watcher } = newWatcher(0);
    watcher.offer(event(3));
    const first = watcher.next();
    watcher.finishReplay([event(1), event(2)]);
    expect((await first).value?.revision).toBe(1);
    expect(await drain(watcher, 2)).toEqual([2, 3]);
  });

  it('fails with WatchOverflowError past the buffer limit, dropping the buffer, and unsubscribes', async () => {
    const { watcher, closed } = newWatcher(0, 2);
    watcher.finishReplay([]);
    watcher.offer(event(1));
    expect(await drain(watcher, 1)).toEqual([1]);
    watcher.offer(event(2));
    watcher.offer(event(3));
    watcher.offer(event(4));
    const failure = await watcher.next().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WatchOverflowError);
    expect(failure).toMatchObject({ bufferLimit: 2, lastDeliveredRevision: 1 });
    expect(closed).toEqual([watcher]);
    expect(await watcher.next()).toMatchObject({ done: true });
  });

  it('ends on abort and on return(), unsubscribing once', async () => {
    const controller = new AbortController();
    const { watcher, closed } = newWatcher(0, 10, controller.signal);
    watcher.finishReplay([event(1)]);
    controller.abort();
    expect(await watcher.next()).toMatchObject({ done: true });
    await watcher.return();
    expect(closed).toHaveLength(1);
  });
});
