// ObjectStore conformance, part two: watch, compaction and concurrent writers. Called from
// runObjectStoreConformance with its store opener, which closes every store after each test.

import { describe, expect, it } from 'vitest';
import { pod, podKey, readUntil, readUntilKey, summarize, type ObjectStoreFactory } from './object-store-fixtures.conformance.js';
import { CompactedError, KeyExistsError, RevisionMismatchError } from './object-store.js';
import { WatchOverflowError } from './store-watcher.js';

const PODS = '/registry/pods/';

export function runObjectStoreWatchConformance(openStore: ObjectStoreFactory): void {
  describe('watch', () => {
    it('replays the changes after the revision, then streams live ones, in order', async () => {
      const store = await openStore();
      await store.create(podKey('ns', 'a'), pod('a'));
      await store.create(podKey('ns', 'b'), pod('b'));
      await store.update(podKey('ns', 'a'), pod('a', { v: 2 }));
      const events = store.watch(PODS, 1, new AbortController().signal);
      const reading = readUntilKey(events, podKey('ns', 'end'));
      await store.delete(podKey('ns', 'b'));
      await store.create(podKey('ns', 'end'), pod('end'));
      const seen = await reading;
      expect(summarize(seen)).toEqual([
        `2 ADDED ${podKey('ns', 'b')}`,
        `3 MODIFIED ${podKey('ns', 'a')}`,
        `4 DELETED ${podKey('ns', 'b')}`,
        `5 ADDED ${podKey('ns', 'end')}`,
      ]);
      expect(seen[1]?.previous).toEqual({ key: podKey('ns', 'a'), value: pod('a'), createRevision: 1, modRevision: 1 });
      expect(seen[1]?.object).toEqual({ key: podKey('ns', 'a'), value: pod('a', { v: 2 }), createRevision: 1, modRevision: 3 });
    });

    it('reports DELETED with the last value at the deletion revision, and the state before it', async () => {
      const store = await openStore();
      await store.create(podKey('ns', 'a'), pod('a'));
      await store.update(podKey('ns', 'a'), pod('a', { v: 2 }));
      await store.delete(podKey('ns', 'a'));
      const [deleted] = await readUntil(store.watch(PODS, 2, new AbortController().signal), () => true);
      expect(deleted).toEqual({
        type: 'DELETED',
        revision: 3,
        object: { key: podKey('ns', 'a'), value: pod('a', { v: 2 }), createRevision: 1, modRevision: 3 },
        previous: { key: podKey('ns', 'a'), value: pod('a', { v: 2 }), createRevision: 1, modRevision: 2 },
      });
    });

    it('delivers only keys under its prefix', async () => {
      const store = await openStore();
      const reading = readUntilKey(store.watch('/registry/pods/b/', 0, new AbortController().signal), podKey('b', 'end'));
      await store.create(podKey('a', 'x'), pod('x'));
      await store.create(podKey('b', 'x'), pod('x'));
      await store.create('/registry/services/b/x', {});
      await store.create(podKey('b', 'end'), pod('end'));
      expect(summarize(await reading)).toEqual([`2 ADDED ${podKey('b', 'x')}`, `4 ADDED ${podKey('b', 'end')}`]);
    });

    it('sees every revision exactly once when it starts while writes are in flight', async () => {
      const store = await openStore();
      await store.create(podKey('ns', 'first'), pod('first'));
      const writes = Array.from({ length: 50 }, (_, i) => store.create(podKey('ns', `p${i}`), pod(`p${i}`)));
      const reading = readUntilKey(store.watch(PODS, 1, new AbortController().signal), podKey('ns', 'end'));
      await Promise.all(writes);
      await store.create(podKey('ns', 'end'), pod('end'));
      expect((await reading).map((event) => event.revision)).toEqual(Array.from({ length: 51 }, (_, i) => i + 2));
    });

    it('resumes from history older than the in-memory ring holds', async () => {
      const store = await openStore({ recentEvents: 2 });
      for (let i = 1; i <= 10; i++) await store.create(podKey('ns', `p${i}`), pod(`p${i}`));
      const reading = readUntilKey(store.watch(PODS, 3, new AbortController().signal), podKey('ns', 'end'));
      await store.create(podKey('ns', 'end'), pod('end'));
      expect((await reading).map((event) => event.revision)).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
    });

    it('from the current revision yields only later changes', async () => {
      const store = await openStore();
      await store.create(podKey('ns', 'old'), pod('old'));
      const reading = readUntilKey(store.watch(PODS, store.currentRevision(), new AbortController().signal), podKey('ns', 'end'));
      await store.create(podKey('ns', 'end'), pod('end'));
      expect(summarize(await reading)).toEqual([`2 ADDED ${podKey('ns', 'end')}`]);
    });

    it('ends when its signal aborts, and yields nothing when already aborted', async () => {
      const store = await openStore();
      const controller = new AbortController();
      const iterator = store.watch(PODS, 0, controller.signal)[Symbol.asyncIterator]();
      const pending = iterator.next();
      controller.abort();
      expect(await pending).toEqual({ done: true, value: undefined });
      await store.create(podKey('ns', 'a'), pod('a'));
      expect(await readUntil(store.watch(PODS, 0, controller.signal), () => true)).toEqual([]);
    });

    it('ends open watches when the store closes', async () => {
      const store = await openStore();
      const iterator = store.watch(PODS, 0, new AbortController().signal)[Symbol.asyncIterator]();
      const pending = iterator.next();
      await store.close();
      expect(await pending).toEqual({ done: true, value: undefined });
    });

    it('ends a watcher that falls too far behind with WatchOverflowError, without holding up others', async () => {
      const store = await openStore({ watchBufferLimit: 5 });
      const slow = store.watch(PODS, 0, new AbortController().signal)[Symbol.asyncIterator]();
      const fast = readUntilKey(store.watch(PODS, 0, new AbortController().signal), podKey('ns', 'p19'));
      for (let i = 0; i < 20; i++) await store.create(podKey('ns', `p${i}`), pod(`p${i}`));
      expect(await fast).toHaveLength(20);
      const failure = await slow.next().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(WatchOverflowError);
      expect(await slow.next()).toEqual({ done: true, value: undefined });
    });
  });

  describe('compaction', () => {
    it('makes watches from older revisions fail with CompactedError; later ones still replay', async () => {
      const store = await openStore();
      for (let i = 1; i <= 8; i++) await store.create(podKey('ns', `p${i}`), pod(`p${i}`));
      await store.compact(5);
      expect(store.compactRevision()).toBe(5);
      const failure = await store.watch(PODS, 4, new AbortController().signal)[Symbol.asyncIterator]().next().catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(CompactedError);
      expect(failure).toMatchObject({ requested: 4, compactRevision: 5 });
      const events = await readUntilKey(store.watch(PODS, 5, new AbortController().signal), podKey('ns', 'p8'));
      expect(events.map((event) => event.revision)).toEqual([6, 7, 8]);
      await store.compact(3);
      expect(store.compactRevision()).toBe(5);
      await expect(store.compact(9)).rejects.toThrow(RangeError);
    });

    it('serves history older than the ring after compaction, from persistence', async () => {
      const store = await openStore({ recentEvents: 1 });
      for (let i = 1; i <= 6; i++) await store.create(podKey('ns', `p${i}`), pod(`p${i}`));
      await store.compact(2);
      const events = await readUntilKey(store.watch(PODS, 2, new AbortController().signal), podKey('ns', 'p6'));
      expect(events.map((event) => event.revision)).toEqual([3, 4, 5, 6]);
    });

    it('runs automatically to keep the newest revisions', async () => {
      const store = await openStore({ autoCompaction: { retainRevisions: 5, everyWrites: 4 } });
      for (let i = 1; i <= 20; i++) await store.create(podKey('ns', `p${i}`), pod(`p${i}`));
      expect(store.compactRevision()).toBe(15);
      const events = await readUntilKey(store.watch(PODS, 15, new AbortController().signal), podKey('ns', 'p20'));
      expect(events.map((event) => event.revision)).toEqual([16, 17, 18, 19, 20]);
    });
  });

  describe('concurrent writers', () => {
    it('acknowledges 50 concurrent callers with distinct, consecutive revisions', async () => {
      const store = await openStore();
      const callers = Array.from({ length: 50 }, async (_, caller) => {
        const revisions: number[] = [];
        for (let i = 0; i < 4; i++) revisions.push((await store.create(podKey(`c${caller}`, `p${i}`), pod(`p${i}`))).modRevision);
        return revisions;
      });
      const revisions = (await Promise.all(callers)).flat().sort((a, b) => a - b);
      expect(revisions).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      expect(store.currentRevision()).toBe(200);
      expect((await store.list(PODS)).items).toHaveLength(200);
    });

    it('lets exactly one of several conflicting writes win', async () => {
      const store = await openStore();
      const creates = await Promise.allSettled(Array.from({ length: 10 }, () => store.create(podKey('ns', 'a'), pod('a'))));
      expect(creates.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      expect(creates.filter((result) => result.status === 'rejected' && result.reason instanceof KeyExistsError)).toHaveLength(9);
      const updates = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => store.update(podKey('ns', 'a'), pod('a', { i }), 1)));
      expect(updates.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      expect(updates.filter((result) => result.status === 'rejected' && result.reason instanceof RevisionMismatchError)).toHaveLength(9);
      expect(store.currentRevision()).toBe(2);
    });
  });
}
