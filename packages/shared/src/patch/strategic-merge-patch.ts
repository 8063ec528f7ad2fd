// Applying a strategic merge patch (application/strategic-merge-patch+json), after
// apimachinery strategicpatch.StrategicMergeMapPatch as kube-apiserver calls it
// (MergeParallelList + IgnoreUnmatchedNulls): maps merge, null deletes, tagged lists merge by
// key, other lists are replaced, and the $-directives steer deletion, ordering and retention.
import {
  DELETE_FROM_PRIMITIVE_LIST_PREFIX,
  PATCH_DIRECTIVE,
  RETAIN_KEYS_DIRECTIVE,
  SET_ELEMENT_ORDER_PREFIX,
  stripDirectives,
} from './directives.js';
import { indexOfItem, normalizeElementOrder, partitionByPresence } from './element-order.js';
import { cloneJson, deepEqual, isJsonObject, type JsonObject } from './json-values.js';
import { patchSchemaFor } from './kind-schemas.js';
import { PatchError } from './patch-error.js';
import { fieldMeta, type FieldPatchMeta, type TypeSchema } from './patch-schema.js';

export function applyStrategicMergePatch(doc: unknown, patch: unknown, type: { group: string; kind: string }): unknown {
  if (!isJsonObject(doc) || !isJsonObject(patch)) throw PatchError.badRequest('invalid JSON document');
  // Work on copies: merging consumes the patch (processed directives are deleted from it).
  const merged = mergeMap(cloneJson(doc), cloneJson(patch), patchSchemaFor(type));
  return stripDirectives(merged);
}

function mergeMap(original: JsonObject, patch: JsonObject, schema: TypeSchema | undefined): JsonObject {
  const directive = patch[PATCH_DIRECTIVE];
  if (directive === 'replace') {
    delete patch[PATCH_DIRECTIVE];
    return patch;
  }
  if (directive === 'delete') return {};
  // Kubernetes rejects `$patch: merge` on a map; we accept it as the no-op it means.
  if (directive !== undefined && directive !== 'merge') {
    throw PatchError.badRequest(`unknown patch type: ${String(directive)} in map: ${JSON.stringify(patch)}`);
  }
  delete patch[PATCH_DIRECTIVE];

  applyRetainKeys(original, patch);
  applySetElementOrder(original, patch, schema);

  for (const [patchKey, patchValue] of Object.entries(patch)) {
    const isDeleteList = patchKey.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX);
    if (patchKey.startsWith('$') && !isDeleteList) continue;
    const key = isDeleteList ? patchKey.slice(DELETE_FROM_PRIMITIVE_LIST_PREFIX.length) : patchKey;
    if (patchValue === null) {
      delete original[key];
      continue;
    }
    const meta = fieldMeta(schema, key);
    if (!(key in original)) {
      if (!isDeleteList) original[key] = newValue(patchValue, meta);
      continue;
    }
    const originalValue = original[key];
    if (isJsonObject(originalValue) && isJsonObject(patchValue)) {
      original[key] = mergeMap(originalValue, patchValue, meta.type);
    } else if (Array.isArray(originalValue) && Array.isArray(patchValue)) {
      original[key] = mergeListField(originalValue, patchValue, meta, isDeleteList);
    } else if (!isDeleteList) {
      original[key] = newValue(patchValue, meta);
    }
  }
  return original;
}

/** A patch value with nothing to merge into: merged into an empty value so its directives are honoured, not stored. */
function newValue(patchValue: unknown, meta: FieldPatchMeta): unknown {
  if (isJsonObject(patchValue)) return mergeMap({}, patchValue, meta.type);
  if (Array.isArray(patchValue)) return mergeListField([], patchValue, meta, false);
  return patchValue;
}

/** `$retainKeys: [...]`: every key of the original not listed goes (the patch itself must stay within the list). */
function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!(RETAIN_KEYS_DIRECTIVE in patch)) return;
  const retainKeys = patch[RETAIN_KEYS_DIRECTIVE];
  delete patch[RETAIN_KEYS_DIRECTIVE];
  if (!Array.isArray(retainKeys)) throw PatchError.badRequest('invalid patch format of retainKeys');
  const retained = new Set(retainKeys);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || key.startsWith('$')) continue;
    if (!retained.has(key)) throw PatchError.badRequest('invalid patch format of retainKeys');
  }
  for (const key of Object.keys(original)) if (!retained.has(key)) delete original[key];
}

/**
 * `$setElementOrder/<list>`: merges the sibling list now (if the patch has it) and orders the
 * result: listed items in the directive's order, server-only items where they were.
 */
function applySetElementOrder(original: JsonObject, patch: JsonObject, schema: TypeSchema | undefined): void {
  for (const directiveKey of Object.keys(patch)) {
    if (!directiveKey.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    const order = patch[directiveKey];
    delete patch[directiveKey];
    if (!Array.isArray(order)) throw PatchError.badRequest('invalid patch format of setElementOrder list');
    const listKey = directiveKey.slice(SET_ELEMENT_ORDER_PREFIX.length);
    const patchList = patch[listKey];
    // A null list is a deletion; the main loop handles it and there is nothing to order.
    if (patchList === null) continue;
    const meta = fieldMeta(schema, listKey);
    const originalList = Array.isArray(original[listKey]) ? (original[listKey] as unknown[]) : [];
    if (patchList === undefined && !(listKey in original)) continue;
    const merged = Array.isArray(patchList) ? mergeListField(originalList, patchList, meta, false) : originalList;
    const mergeKey = meta.mergeKey;
    const [inOrder, serverOnly] = partitionByPresence(merged, order, mergeKey);
    original[listKey] = normalizeElementOrder(inOrder, serverOnly, order, originalList, mergeKey);
    delete patch[listKey];
  }
}

function mergeListField(original: unknown[], patch: unknown[], meta: FieldPatchMeta, isDeleteList: boolean): unknown[] {
  // Delete lists ($deleteFromPrimitiveList) work whatever the field's strategy is.
  if (meta.strategy !== 'merge' && !isDeleteList) return patch;
  if (original.length === 0 && patch.length === 0) return original;
  const ofObjects = [...original, ...patch].some((item) => isJsonObject(item));
  if ([...original, ...patch].some((item) => Array.isArray(item))) throw PatchError.unprocessable('lists of lists are not supported');
  if (!ofObjects) {
    if (isDeleteList) return original.filter((item) => !patch.some((gone) => deepEqual(gone, item)));
    return orderMerged(dedupe([...original, ...patch]), patch, original, undefined);
  }
  const mergeKey = meta.mergeKey ?? fail('cannot merge lists without merge key');
  const { base, rest } = applySpecialItems(original, patch, mergeKey);
  const merged = [...base];
  for (const item of rest) {
    if (!isJsonObject(item) || !(mergeKey in item)) throw noMergeKey(item, mergeKey);
    const index = indexOfItem(merged, item, mergeKey);
    const existing = merged[index];
    merged[index < 0 ? merged.length : index] = mergeMap(isJsonObject(existing) ? existing : {}, item, meta.type);
  }
  return orderMerged(merged, rest, base, mergeKey);
}

function orderMerged(merged: unknown[], patch: unknown[], original: unknown[], mergeKey: string | undefined): unknown[] {
  const [fromPatch, serverOnly] = partitionByPresence(merged, patch, mergeKey);
  return normalizeElementOrder(fromPatch, serverOnly, patch, original, mergeKey);
}

/** Items carrying `$patch`: `delete` removes the original item with that key, `replace` makes the patch the whole list. */
function applySpecialItems(original: unknown[], patch: unknown[], mergeKey: string): { base: unknown[]; rest: unknown[] } {
  let base = original;
  let replace = false;
  const rest: unknown[] = [];
  for (const item of patch) {
    const directive = isJsonObject(item) ? item[PATCH_DIRECTIVE] : undefined;
    if (directive === undefined || !isJsonObject(item)) rest.push(item);
    else if (directive === 'delete') {
      if (!(mergeKey in item)) throw noMergeKey(item, mergeKey);
      base = base.filter((candidate) => !(isJsonObject(candidate) && deepEqual(candidate[mergeKey], item[mergeKey])));
    } else if (directive === 'replace') replace = true;
    else if (directive === 'merge') fail('merging lists cannot yet be specified in the patch');
    else fail(`unknown patch type: ${String(directive)} in map: ${JSON.stringify(item)}`);
  }
  return replace ? { base: rest, rest: [] } : { base, rest };
}

function dedupe(items: unknown[]): unknown[] {
  return items.filter((item, index) => items.findIndex((other) => deepEqual(other, item)) === index);
}

function noMergeKey(item: unknown, mergeKey: string): PatchError {
  return PatchError.badRequest(`map: ${JSON.stringify(item)} does not contain declared merge key: ${mergeKey}`);
}

function fail(message: string): never {
  throw PatchError.badRequest(message);
}
