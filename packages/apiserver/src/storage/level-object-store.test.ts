import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Level } from 'level';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createLevelObjectStore } from './level-object-store.js';
import { DataDirectoryInUseError } from './level-persistence.js';
import { pod, podKey, readUntilKey, summarize } from './object-store-fixtures.conformance.js';
import { runObjectStoreConformance } from './object-store.conformance.js';
import type { ObjectStore } from './object-store.js';
import type { ObjectStoreOptions } from './store-options.js';

const directories: string[] = [];
const newDirectory = async () => {
  const directory = await mkdtemp(join(tmpdir(), 'kctl-level-store-'));
  directories.push(directory);
  return directory;
};
afterAll(async () => {
  await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
});

runObjectStoreConformance('LevelDB store', async (options) => {
  const store = createLevelObjectStore(await newDirectory(), options);
  await store.open();
  return store;
});

describe('LevelDB store: durability', () => {
  const opened: ObjectStore[] = [];
  const openAt = async (directory: string, options?: ObjectStoreOptions) => {
    const store = createLevelObjectStore(directory, options);
    await store.open();
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  it('a new store on the same directory has the objects, revision, compact revision and history', async () => {
    const directory = await newDirectory();
    const first = await openAt(directory);
    for (let i = 1; i <= 6; i++) await first.create(podKey('ns', `p${i}`), pod(`p${i}`));
    await first.update(podKey('ns', 'p1'), pod('p1', { v: 2 }));
    await first.delete(podKey('ns', 'p2'));
    await first.compact(3);
    await first.close();

    const second = await openAt(directory);
    expect(second.currentRevision()).toBe(8);
    expect(second.compactRevision()).toBe(3);
    expect(await second.get(podKey('ns', 'p1'))).toEqual({ key: podKey('ns', 'p1'), value: pod('p1', { v: 2 }), createRevision: 1, modRevision: 7 });
    expect((await second.list('/registry/pods/')).items.map((item) => item.key)).toEqual(
      ['p1', 'p3', 'p4', 'p5', 'p6'].map((name) => podKey('ns', name)),
    );
    // a client that last saw revision 5 gets exactly what it missed, then live changes
    const reading = readUntilKey(second.watch('/registry/pods/', 5, new AbortController().signal), podKey('ns', 'end'));
    const created = await second.create(podKey('ns', 'end'), pod('end'));
    expect(created.modRevision).toBe(9);
    const events = await reading;
    expect(summarize(events)).toEqual([
      `6 ADDED ${podKey('ns', 'p6')}`,
      `7 MODIFIED ${podKey('ns', 'p1')}`,
      `8 DELETED ${podKey('ns', 'p2')}`,
      `9 ADDED ${podKey('ns', 'end')}`,
    ]);
    expect(events[1]?.previous?.value).toEqual(pod('p1'));
    await expect(second.watch('/registry/pods/', 2, new AbortController().signal)[Symbol.asyncIterator]().next()).rejects.toMatchObject({
      name: 'CompactedError',
    });
  });

  it('writes objects, change log and revision with the documented key layout; compaction clears the log', async () => {
    const directory = await newDirectory();
    const store = await openAt(directory);
    await store.create(podKey('ns', 'a'), pod('a'));
    await store.update(podKey('ns', 'a'), pod('a', { v: 2 }));
    await store.create(podKey('ns', 'b'), pod('b'));
    await store.compact(1);
    await store.close();

    const db = new Level<string, unknown>(directory, { valueEncoding: 'json' });
    try {
      const entries = await db.iterator().all();
      expect(entries.map(([key]) => key)).toEqual([
        'l/0000000000000002',
        'l/0000000000000003',
        'm/compact',
        'm/revision',
        `o/${podKey('ns', 'a')}`,
        `o/${podKey('ns', 'b')}`,
      ]);
      expect(Object.fromEntries(entries)).toMatchObject({
        'l/0000000000000002': { type: 'MODIFIED', key: podKey('ns', 'a'), value: pod('a', { v: 2 }), createRevision: 1, prevModRevision: 1, prevValue: pod('a') },
        'm/compact': 1,
        'm/revision': 3,
        [`o/${podKey('ns', 'a')}`]: { value: pod('a', { v: 2 }), createRevision: 1, modRevision: 2 },
      });
    } finally {
      await db.close();
    }
  });

  it('refuses a second store on a directory in use, naming the directory', async () => {
    const directory = await newDirectory();
    await openAt(directory);
    const second = createLevelObjectStore(directory);
    const failure = await second.open().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DataDirectoryInUseError);
    expect((failure as Error).message).toBe(`data directory ${directory} is in use by another kctl API server`);
  });
});
