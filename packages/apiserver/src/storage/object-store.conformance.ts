// The behaviour every ObjectStore must have, run against each implementation (memory, LevelDB),
// as kine runs one test suite per driver. Watch and concurrency cases live in
// object-store-watch.conformance.ts; this file holds reads, writes and preconditions.

import { afterEach, describe, expect, it } from 'vitest';
import { KeyExistsError, KeyNotFoundError, RevisionMismatchError, type ObjectStore } from './object-store.js';
import { pod, podKey, type ObjectStoreFactory } from './object-store-fixtures.conformance.js';
import { runObjectStoreWatchConformance } from './object-store-watch.conformance.js';
import type { ObjectStoreOptions } from './store-options.js';

export type { ObjectStoreFactory } from './object-store-fixtures.conformance.js';

export function runObjectStoreConformance(name: string, factory: ObjectStoreFactory): void {
  describe(`${name}: ObjectStore conformance`, () => {
    const opened: ObjectStore[] = [];
    const openStore = async (options?: ObjectStoreOptions) => {
      const store = await factory(options);
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    describe('reads and writes', () => {
      it('create stores the value at the next revision and get returns it', async () => {
        const store = await openStore();
        expect(store.currentRevision()).toBe(0);
        const created = await store.create(podKey('default', 'a'), pod('a'));
        expect(created).toEqual({ key: podKey('default', 'a'), value: pod('a'), createRevision: 1, modRevision: 1 });
        expect(store.currentRevision()).toBe(1);
        expect(await store.get(podKey('default', 'a'))).toEqual(created);
        expect(await store.get(podKey('default', 'missing'))).toBeUndefined();
      });

      it('create of an existing key fails with KeyExistsError and consumes no revision', async () => {
        const store = await openStore();
        await store.create(podKey('default', 'a'), pod('a'));
        await expect(store.create(podKey('default', 'a'), pod('a', { spec: {} }))).rejects.toBeInstanceOf(KeyExistsError);
        expect(store.currentRevision()).toBe(1);
        expect((await store.get(podKey('default', 'a')))?.value).toEqual(pod('a'));
      });

      it('update keeps createRevision and moves modRevision; a missing key is KeyNotFoundError', async () => {
        const store = await openStore();
        await store.create(podKey('default', 'other'), pod('other'));
        const created = await store.create(podKey('default', 'a'), pod('a'));
        const updated = await store.update(podKey('default', 'a'), pod('a', { spec: { v: 2 } }), created.modRevision);
        expect(updated).toEqual({ key: podKey('default', 'a'), value: pod('a', { spec: { v: 2 } }), createRevision: 2, modRevision: 3 });
        const unconditional = await store.update(podKey('default', 'a'), pod('a', { spec: { v: 3 } }));
        expect(unconditional.modRevision).toBe(4);
        await expect(store.update(podKey('default', 'nope'), pod('nope'))).rejects.toBeInstanceOf(KeyNotFoundError);
        expect(store.currentRevision()).toBe(4);
      });

      it('update with a stale expectedRevision fails with RevisionMismatchError naming both revisions', async () => {
        const store = await openStore();
        const created = await store.create(podKey('default', 'a'), pod('a'));
        await store.update(podKey('default', 'a'), pod('a', { v: 2 }));
        const failure = await store.update(podKey('default', 'a'), pod('a', { v: 3 }), created.modRevision).catch((e: unknown) => e);
        expect(failure).toBeInstanceOf(RevisionMismatchError);
        expect(failure).toMatchObject({ key: podKey('default', 'a'), expected: 1, actual: 2 });
        expect((await store.get(podKey('default', 'a')))?.value).toEqual(pod('a', { v: 2 }));
      });

      it('delete returns the last value at the deletion revision; the key can then be created anew', async () => {
        const store = await openStore();
        await store.create(podKey('default', 'a'), pod('a'));
        await store.update(podKey('default', 'a'), pod('a', { v: 2 }));
        const deleted = await store.delete(podKey('default', 'a'), 2);
        expect(deleted).toEqual({ key: podKey('default', 'a'), value: pod('a', { v: 2 }), createRevision: 1, modRevision: 3 });
        expect(await store.get(podKey('default', 'a'))).toBeUndefined();
        const recreated = await store.create(podKey('default', 'a'), pod('a'));
        expect(recreated).toMatchObject({ createRevision: 4, modRevision: 4 });
      });

      it('delete checks existence and expectedRevision', async () => {
        const store = await openStore();
        await expect(store.delete(podKey('default', 'nope'))).rejects.toBeInstanceOf(KeyNotFoundError);
        await store.create(podKey('default', 'a'), pod('a'));
        await expect(store.delete(podKey('default', 'a'), 7)).rejects.toMatchObject({ name: 'RevisionMismatchError', actual: 1 });
        expect(await store.get(podKey('default', 'a'))).toBeDefined();
        expect(store.currentRevision()).toBe(1);
      });

      it('stores a frozen copy: later changes to the input do not leak in, returned values cannot be changed', async () => {
        const store = await openStore();
        const input = { metadata: { name: 'a', labels: { app: 'x' } }, dropped: undefined };
        await store.create(podKey('default', 'a'), input);
        input.metadata.labels.app = 'changed';
        const stored = await store.get(podKey('default', 'a'));
        expect(stored?.value).toEqual({ metadata: { name: 'a', labels: { app: 'x' } } });
        expect(Object.keys(stored?.value ?? {})).not.toContain('dropped');
        const labels = (stored?.value.metadata as { labels: Record<string, string> }).labels;
        expect(() => (labels.app = 'y')).toThrow(TypeError);
      });

      it('list returns the keys under the prefix, in key order, at the current revision', async () => {
        const store = await openStore();
        for (const [namespace, name] of [['b', 'z'], ['a', 'y'], ['b', 'a'], ['ab', 'x'], ['a', 'b']] as const) {
          await store.create(podKey(namespace, name), pod(name));
        }
        await store.create('/registry/services/a/svc', { kind: 'Service' });
        await store.delete(podKey('a', 'y'));
        const all = await store.list('/registry/pods/');
        expect(all.items.map((item) => item.key)).toEqual([podKey('a', 'b'), podKey('ab', 'x'), podKey('b', 'a'), podKey('b', 'z')]);
        expect(all).toMatchObject({ revision: 7, more: false });
        const namespaceA = await store.list('/registry/pods/a/');
        expect(namespaceA.items.map((item) => item.key)).toEqual([podKey('a', 'b')]);
        expect((await store.list('/registry/nothing/')).items).toEqual([]);
      });

      it('list pages with limit and startAfter, with more set while items remain', async () => {
        const store = await openStore();
        const names = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
        for (const name of [...names].reverse()) await store.create(podKey('ns', name), pod(name));
        const seen: string[] = [];
        let startAfter: string | undefined;
        for (let page = 0; ; page++) {
          const result = await store.list('/registry/pods/ns/', { limit: 3, startAfter });
          seen.push(...result.items.map((item) => item.key));
          expect(result.items.length).toBeLessThanOrEqual(3);
          if (!result.more) break;
          startAfter = result.items.at(-1)?.key;
          expect(page).toBeLessThan(3);
        }
        expect(seen).toEqual(names.map((name) => podKey('ns', name)));
        const exact = await store.list('/registry/pods/ns/', { limit: 7 });
        expect(exact.more).toBe(false);
        const afterMissingKey = await store.list('/registry/pods/ns/', { startAfter: podKey('ns', 'p3a') });
        expect(afterMissingKey.items.map((item) => item.value.metadata)).toEqual([{ name: 'p4' }, { name: 'p5' }, { name: 'p6' }]);
      });

      it('revisions rise by exactly one per successful write and never on a failed one', async () => {
        const store = await openStore();
        const revisions: number[] = [];
        revisions.push((await store.create(podKey('ns', 'a'), pod('a'))).modRevision);
        await store.create(podKey('ns', 'a'), pod('a')).catch(() => undefined);
        revisions.push((await store.update(podKey('ns', 'a'), pod('a', { v: 1 }))).modRevision);
        await store.update(podKey('ns', 'a'), pod('a'), 1).catch(() => undefined);
        revisions.push((await store.delete(podKey('ns', 'a'))).modRevision);
        revisions.push((await store.create(podKey('ns', 'b'), pod('b'))).modRevision);
        expect(revisions).toEqual([1, 2, 3, 4]);
        expect(store.currentRevision()).toBe(4);
      });

      it('close rejects further operations', async () => {
        const store = await openStore();
        await store.close();
        await expect(store.get(podKey('ns', 'a'))).rejects.toThrow(/closed/);
        await expect(store.create(podKey('ns', 'a'), pod('a'))).rejects.toThrow(/closed/);
      });
    });

    runObjectStoreWatchConformance(openStore);
  });
}
