import { describe, expect, it } from 'vitest';
import type { StoredValue } from './object-store.js';
import { SortedKeyIndex } from './sorted-key-index.js';

const stored = (key: string, revision = 1): StoredValue => ({ key, value: { key }, createRevision: revision, modRevision: revision });
const keysOf = (index: SortedKeyIndex, prefix = '', options = {}) => index.list(prefix, options).items.map((item) => item.key);

describe('SortedKeyIndex', () => {
  it('lists a key deleted and added again between lists exactly once', () => {
    const index = new SortedKeyIndex();
    index.replaceAll(['b', 'a', 'c'].map((key) => stored(key)));
    expect(keysOf(index)).toEqual(['a', 'b', 'c']);
    index.delete('b');
    index.set(stored('b', 2));
    index.delete('c');
    index.set(stored('c', 3));
    index.set(stored('c', 4));
    expect(keysOf(index)).toEqual(['a', 'b', 'c']);
    expect(index.list('').items.map((item) => item.modRevision)).toEqual([1, 2, 4]);
  });

  it('drops deleted keys, even when nothing was added since the last list', () => {
    const index = new SortedKeyIndex();
    index.replaceAll(['a', 'b', 'c'].map((key) => stored(key)));
    expect(keysOf(index)).toEqual(['a', 'b', 'c']);
    index.delete('b');
    expect(keysOf(index)).toEqual(['a', 'c']);
    expect(index.size).toBe(2);
  });

  it('stops at the end of the prefix and starts after startAfter even when startAfter is not a key', () => {
    const index = new SortedKeyIndex();
    index.replaceAll(['/p/a/1', '/p/a/2', '/p/b/1', '/p/a', '/q/a/1'].map((key) => stored(key)));
    expect(keysOf(index, '/p/a/')).toEqual(['/p/a/1', '/p/a/2']);
    expect(keysOf(index, '/p/', { startAfter: '/p/a/15' })).toEqual(['/p/a/2', '/p/b/1']);
    expect(keysOf(index, '/p/', { startAfter: '/' })).toEqual(['/p/a', '/p/a/1', '/p/a/2', '/p/b/1']);
    expect(index.list('/p/', { limit: 2 })).toMatchObject({ more: true });
    expect(index.list('/p/', { limit: 4 })).toMatchObject({ more: false });
  });
});
