// The current objects by key, listable in key order by prefix. Writes are O(1): new keys wait in an
// unsorted list and deleted keys stay in the sorted array until the next list() merges both, in
// O(n + k log k). Inserting into a sorted array on every write instead costs a memmove of the
// whole array (measured ~176 µs per insert at 150k keys), which would dominate a burst of creates.
// Order is JavaScript string order (UTF-16 code units); for the ASCII keys of /registry/... paths
// that is LevelDB's byte order too.

import type { ListOptions, StoredValue } from './object-store.js';

export interface IndexPage {
  items: StoredValue[];
  more: boolean;
}

export class SortedKeyIndex {
  private readonly byKey = new Map<string, StoredValue>();
  /** sorted and duplicate-free; between merges it may still hold deleted keys */
  private sortedKeys: string[] = [];
  /** keys added since the last merge, unsorted; may repeat keys or hold deleted ones */
  private addedKeys: string[] = [];
  private membershipChanged = false;

  get size(): number {
    return this.byKey.size;
  }

  get(key: string): StoredValue | undefined {
    return this.byKey.get(key);
  }

  set(object: StoredValue): void {
    if (!this.byKey.has(object.key)) {
      this.addedKeys.push(object.key);
      this.membershipChanged = true;
    }
    this.byKey.set(object.key, object);
  }

  delete(key: string): void {
    if (this.byKey.delete(key)) this.membershipChanged = true;
  }

  replaceAll(objects: Iterable<StoredValue>): void {
    this.byKey.clear();
    this.sortedKeys = [];
    this.addedKeys = [];
    for (const object of objects) this.set(object);
  }

  /** Objects whose key starts with `prefix`, in key order, after `startAfter`, at most `limit` (0: all). */
  list(prefix: string, { limit = 0, startAfter }: ListOptions = {}): IndexPage {
    this.mergeAddedKeys();
    const keys = this.sortedKeys;
    let position = partitionPoint(keys, (key) => key < prefix);
    if (startAfter !== undefined) position = Math.max(position, partitionPoint(keys, (key) => key <= startAfter));
    const items: StoredValue[] = [];
    for (; position < keys.length; position++) {
      const key = keys[position] as string;
      if (!key.startsWith(prefix)) break;
      if (limit > 0 && items.length === limit) return { items, more: true };
      const object = this.byKey.get(key);
      if (object) items.push(object);
    }
    return { items, more: false };
  }

  private mergeAddedKeys(): void {
    if (!this.membershipChanged) return;
    const added = this.addedKeys.sort();
    const current = this.sortedKeys;
    const merged: string[] = [];
    let i = 0;
    let j = 0;
    while (i < current.length || j < added.length) {
      const fromCurrent = current[i];
      const fromAdded = added[j];
      let next: string;
      if (fromAdded === undefined || (fromCurrent !== undefined && fromCurrent <= fromAdded)) {
        next = fromCurrent as string;
        i++;
      } else {
        next = fromAdded;
        j++;
      }
      // drops deleted keys, and keys that sit in both lists (deleted then re-created) or repeat
      if (this.byKey.has(next) && merged[merged.length - 1] !== next) merged.push(next);
    }
    this.sortedKeys = merged;
    this.addedKeys = [];
    this.membershipChanged = false;
  }
}

/** The number of leading keys for which `isBefore` holds (it must hold for a prefix of `keys`). */
function partitionPoint(keys: readonly string[], isBefore: (key: string) => boolean): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isBefore(keys[middle] as string)) low = middle + 1;
    else high = middle;
  }
  return low;
}
