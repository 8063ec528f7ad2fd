// The `$`-keys of strategic merge patches (apimachinery strategicpatch), shared by the code
// that applies patches and the code that computes them.
import { isJsonObject, type JsonObject } from './json-values.js';

/** `$patch: replace | delete | merge` inside a map or a list item. */
export const PATCH_DIRECTIVE = '$patch';
export const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
export const SET_ELEMENT_ORDER_PREFIX = '$setElementOrder/';
export const DELETE_FROM_PRIMITIVE_LIST_PREFIX = '$deleteFromPrimitiveList/';

export function deleteDirective(mergeKey: string, mergeKeyValue: unknown): JsonObject {
  return { [PATCH_DIRECTIVE]: 'delete', [mergeKey]: mergeKeyValue };
}

/**
 * Removes every `$`-key at any depth. No real field name starts with `$` (label, annotation and
 * data keys cannot), so anything left is a directive that must not be stored.
 */
export function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDirectives);
  if (!isJsonObject(value)) return value;
  const stripped: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    if (!key.startsWith('$')) stripped[key] = stripDirectives(item);
  }
  return stripped;
}
