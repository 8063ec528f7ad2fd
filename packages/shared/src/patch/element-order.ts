// Ordering of merged lists, after apimachinery's normalizeElementOrder: items named by the patch
// keep the patch's (or $setElementOrder's) order, items only on the server keep the server's
// order, and the two sequences are interleaved so each server-only item stays in front of the
// patch items it preceded on the server.
import { deepEqual, isJsonObject } from './json-values.js';

/** Where `item` is in `list`: by merge-key value for objects, by value for primitives; -1 if absent. */
export function indexOfItem(list: readonly unknown[], item: unknown, mergeKey: string | undefined): number {
  if (mergeKey === undefined) return list.findIndex((candidate) => deepEqual(candidate, item));
  if (!isJsonObject(item)) return -1;
  return list.findIndex((candidate) => isJsonObject(candidate) && deepEqual(candidate[mergeKey], item[mergeKey]));
}

/** Splits `merged` into the items named by `order` and the rest, keeping their current order. */
export function partitionByPresence(merged: readonly unknown[], order: readonly unknown[], mergeKey: string | undefined): [unknown[], unknown[]] {
  const present: unknown[] = [];
  const absent: unknown[] = [];
  for (const item of merged) (indexOfItem(order, item, mergeKey) >= 0 ? present : absent).push(item);
  return [present, absent];
}

export function normalizeElementOrder(
  patchItems: readonly unknown[],
  serverOnlyItems: readonly unknown[],
  patchOrder: readonly unknown[],
  serverOrder: readonly unknown[],
  mergeKey: string | undefined,
): unknown[] {
  const fromPatch = sortByOrder(patchItems, patchOrder, mergeKey);
  const serverOnly = sortByOrder(serverOnlyItems, serverOrder, mergeKey);
  const merged: unknown[] = [];
  let s = 0;
  let p = 0;
  while (s < serverOnly.length || p < fromPatch.length) {
    if (p >= fromPatch.length) merged.push(serverOnly[s++]);
    else if (s >= serverOnly.length) merged.push(fromPatch[p++]);
    else {
      const serverIndex = indexOfItem(serverOrder, serverOnly[s], mergeKey);
      const patchIndex = indexOfItem(serverOrder, fromPatch[p], mergeKey);
      // A server-only item goes first only if the server listed it before this patch item.
      if (serverIndex >= 0 && patchIndex >= 0 && serverIndex < patchIndex) merged.push(serverOnly[s++]);
      else merged.push(fromPatch[p++]);
    }
  }
  return merged;
}

/** Stable sort by position in `order`; items `order` does not name stay behind, in their order. */
function sortByOrder(items: readonly unknown[], order: readonly unknown[], mergeKey: string | undefined): unknown[] {
  const rank = (item: unknown): number => {
    const index = indexOfItem(order, item, mergeKey);
    return index < 0 ? Number.MAX_SAFE_INTEGER : index;
  };
  return items
    .map((item, position) => ({ item, position, rank: rank(item) }))
    .sort((a, b) => a.rank - b.rank || a.position - b.position)
    .map(({ item }) => item);
}
