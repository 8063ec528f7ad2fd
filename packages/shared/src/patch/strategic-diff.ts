// Computing a strategic merge patch from two objects, after apimachinery strategicpatch.diffMaps:
// changed scalars and replaced lists are sent whole, maps recurse, merge-keyed lists send only
// changed items (plus `$patch: delete` items), primitive merge lists send additions and a
// `$deleteFromPrimitiveList/…`, and `$setElementOrder/…` / `$retainKeys` are added as kubectl does.
import { deleteDirective, DELETE_FROM_PRIMITIVE_LIST_PREFIX, RETAIN_KEYS_DIRECTIVE, SET_ELEMENT_ORDER_PREFIX } from './directives.js';
import { indexOfItem } from './element-order.js';
import { deepEqual, isJsonObject, jsonKind, type JsonObject } from './json-values.js';
import { fieldMeta, type FieldPatchMeta, type TypeSchema } from './patch-schema.js';

export interface DiffOptions {
  /** Fields missing from `modified` are not deleted (the "delta" half of a three-way patch). */
  readonly ignoreDeletions?: boolean;
  /** Only deletions are reported (the "deletions" half of a three-way patch). */
  readonly ignoreChangesAndAdditions?: boolean;
  /** Emit `$setElementOrder/<list>` for merge-keyed lists that changed. */
  readonly setElementOrder?: boolean;
}

interface DiffContext extends DiffOptions {
  /** The map being diffed has patchStrategy retainKeys: emit `$retainKeys`. */
  readonly buildRetainKeys?: boolean;
}

export function diffMaps(original: JsonObject, modified: JsonObject, schema: TypeSchema | undefined, options: DiffContext): JsonObject {
  const patch: JsonObject = {};
  for (const [key, modifiedValue] of Object.entries(modified)) {
    if (!(key in original)) {
      if (!options.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    const originalValue = original[key];
    if (jsonKind(originalValue) !== jsonKind(modifiedValue)) {
      if (!options.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    const meta = fieldMeta(schema, key);
    if (isJsonObject(originalValue) && isJsonObject(modifiedValue)) {
      const nested = diffMaps(originalValue, modifiedValue, meta.type, { ...options, buildRetainKeys: meta.retainKeys === true });
      if (Object.keys(nested).length > 0) patch[key] = nested;
    } else if (Array.isArray(originalValue) && Array.isArray(modifiedValue) && meta.strategy === 'merge') {
      diffMergeList(key, originalValue, modifiedValue, meta, patch, options);
    } else if (!options.ignoreChangesAndAdditions && !deepEqual(originalValue, modifiedValue)) {
      patch[key] = modifiedValue;
    }
  }
  if (!options.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!(key in modified)) patch[key] = null;
  }
  if (options.buildRetainKeys) {
    const retainKeys = Object.keys(modified).filter((key) => modified[key] !== null).sort();
    if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || hasFieldsBeyond(original, modified))) {
      patch[RETAIN_KEYS_DIRECTIVE] = retainKeys;
    }
  }
  return patch;
}

/** Whether `original` has a non-null field `modified` lacks (then $retainKeys must clear it). */
function hasFieldsBeyond(original: JsonObject, modified: JsonObject): boolean {
  return Object.entries(original).some(([key, value]) => value !== null && !(key in modified));
}

function diffMergeList(key: string, original: unknown[], modified: unknown[], meta: FieldPatchMeta, patch: JsonObject, options: DiffContext): void {
  const ofObjects = [...original, ...modified].some((item) => isJsonObject(item));
  if (ofObjects && meta.mergeKey !== undefined) {
    const { items, order } = diffListOfMaps(original, modified, meta.mergeKey, meta, options);
    if (items.length > 0) patch[key] = items;
    if (order) patch[SET_ELEMENT_ORDER_PREFIX + key] = order;
    return;
  }
  const added = options.ignoreChangesAndAdditions ? [] : modified.filter((item) => indexOfItem(original, item, undefined) < 0);
  const removed = options.ignoreDeletions
    ? []
    : original.filter((item, i) => indexOfItem(modified, item, undefined) < 0 && indexOfItem(original, item, undefined) === i);
  if (added.length > 0) patch[key] = added;
  if (removed.length > 0) patch[DELETE_FROM_PRIMITIVE_LIST_PREFIX + key] = sortScalars(removed);
  const changed = !options.ignoreChangesAndAdditions && !deepEqual(original, modified);
  if (options.setElementOrder && (removed.length > 0 || changed)) patch[SET_ELEMENT_ORDER_PREFIX + key] = modified;
}

function diffListOfMaps(
  original: unknown[],
  modified: unknown[],
  mergeKey: string,
  meta: FieldPatchMeta,
  options: DiffContext,
): { items: unknown[]; order?: unknown[] } {
  const changed: unknown[] = [];
  for (const modifiedItem of modified) {
    if (!isJsonObject(modifiedItem)) continue;
    const originalItem = original[indexOfItem(original, modifiedItem, mergeKey)];
    if (!isJsonObject(originalItem)) {
      if (!options.ignoreChangesAndAdditions) changed.push(modifiedItem);
      continue;
    }
    const itemPatch = diffMaps(originalItem, modifiedItem, meta.type, { ...options, buildRetainKeys: meta.retainKeys === true });
    if (Object.keys(itemPatch).length > 0) changed.push({ ...itemPatch, [mergeKey]: modifiedItem[mergeKey] });
  }
  const deletions = options.ignoreDeletions
    ? []
    : original
        .filter((item) => isJsonObject(item) && indexOfItem(modified, item, mergeKey) < 0)
        .map((item) => (item as JsonObject)[mergeKey])
        .sort(byStringForm)
        .map((value) => deleteDirective(mergeKey, value));
  const items = [...changed, ...deletions];
  const orderChanged = !sameOrder(original, modified, mergeKey);
  const wantOrder =
    options.setElementOrder &&
    ((!options.ignoreChangesAndAdditions && (items.length > 0 || orderChanged)) || (!options.ignoreDeletions && items.length > 0));
  if (!wantOrder) return { items };
  return { items, order: modified.filter(isJsonObject).map((item) => ({ [mergeKey]: item[mergeKey] })) };
}

function sameOrder(original: unknown[], modified: unknown[], mergeKey: string): boolean {
  return (
    original.length === modified.length &&
    modified.every((item, i) => isJsonObject(item) && isJsonObject(original[i]) && deepEqual((original[i] as JsonObject)[mergeKey], item[mergeKey]))
  );
}

function sortScalars(items: unknown[]): unknown[] {
  return [...items].sort(byStringForm);
}

/** Go sorts these by their fmt "%v" text, byte by byte. */
function byStringForm(a: unknown, b: unknown): number {
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}
