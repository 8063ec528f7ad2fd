// The strategic merge patch `kubectl apply` (client-side) sends, after apimachinery
// CreateThreeWayMergePatch: deletions are what the last applied configuration had and the new
// manifest dropped; additions and changes are what the new manifest has that the live object
// lacks or differs in. Fields only the server (or other clients) set are left alone.
import { normalizeElementOrder, partitionByPresence, indexOfItem } from './element-order.js';
import { isJsonObject, sortKeysDeep, type JsonObject } from './json-values.js';
import { patchSchemaFor } from './kind-schemas.js';
import { PatchError } from './patch-error.js';
import { fieldMeta, type TypeSchema } from './patch-schema.js';
import { diffMaps } from './strategic-diff.js';

type ObjectType = { group: string; kind: string };

/**
 * @param original the last-applied-configuration (undefined when the object has none)
 * @param modified the new manifest, already carrying its new last-applied annotation
 * @param current  the live object
 * @returns the patch; `{}` means "unchanged"
 */
export function createThreeWayMergePatch(original: unknown, modified: unknown, current: unknown, type: ObjectType): JsonObject {
  const schema = patchSchemaFor(type);
  const delta = diffMaps(asObject(current, 'current'), asObject(modified, 'modified'), schema, {
    ignoreDeletions: true,
    setElementOrder: true,
  });
  const deletions = diffMaps(asObject(original ?? {}, 'original'), asObject(modified, 'modified'), schema, {
    ignoreChangesAndAdditions: true,
    setElementOrder: true,
  });
  return sortKeysDeep(combinePatches(deletions, delta, schema));
}

/** The patch that turns `original` into `modified` (what `kubectl edit` computes). */
export function createTwoWayMergePatch(original: unknown, modified: unknown, type: ObjectType): JsonObject {
  const patch = diffMaps(asObject(original, 'original'), asObject(modified, 'modified'), patchSchemaFor(type), { setElementOrder: true });
  return sortKeysDeep(patch);
}

function asObject(value: unknown, name: string): JsonObject {
  if (!isJsonObject(value)) throw PatchError.badRequest(`invalid JSON document: ${name} is not an object`);
  return value;
}

/**
 * Merges two patches into one (apimachinery mergeMap without MergeParallelList): directives are
 * carried over as data; the deletions never touch a field the delta sets, since deletions are
 * exactly the fields missing from the manifest the delta was computed from.
 */
function combinePatches(first: JsonObject, second: JsonObject, schema: TypeSchema | undefined): JsonObject {
  const combined: JsonObject = { ...first };
  for (const [key, value] of Object.entries(second)) {
    const existing = combined[key];
    const meta = fieldMeta(schema, key);
    if (key.startsWith('$') || !(key in combined)) combined[key] = value;
    else if (isJsonObject(existing) && isJsonObject(value)) combined[key] = combinePatches(existing, value, meta.type);
    else if (Array.isArray(existing) && Array.isArray(value) && meta.strategy === 'merge') {
      combined[key] = combineLists(existing, value, meta.mergeKey, meta.type);
    } else combined[key] = value;
  }
  return combined;
}

function combineLists(first: unknown[], second: unknown[], mergeKey: string | undefined, itemSchema: TypeSchema | undefined): unknown[] {
  const merged = [...first];
  for (const item of second) {
    const index = indexOfItem(merged, item, mergeKey);
    const existing = merged[index];
    if (index < 0) merged.push(item);
    else if (mergeKey !== undefined && isJsonObject(existing) && isJsonObject(item)) merged[index] = combinePatches(existing, item, itemSchema);
  }
  const [fromSecond, onlyFirst] = partitionByPresence(merged, second, mergeKey);
  return normalizeElementOrder(fromSecond, onlyFirst, second, first, mergeKey);
}
