// RFC 7386 JSON merge patch (application/merge-patch+json): what `kubectl label/annotate/scale`
// and client-node's MergePatch send. Objects merge recursively, null deletes, everything else
// (lists included) replaces.
import { cloneJson, isJsonObject, type JsonObject } from './json-values.js';

export function applyMergePatch(doc: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return cloneJson(patch);
  const target: JsonObject = isJsonObject(doc) ? cloneJson(doc) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete target[key];
    else target[key] = applyMergePatch(target[key], value);
  }
  return target;
}
