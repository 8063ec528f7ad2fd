// Small typed views over untyped request bodies. Strategies receive whatever JSON the client
// sent, so every read that may meet a missing or mistyped section goes through these.
import type { KubernetesObject, ObjectMeta } from '@kctl/shared';

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object's metadata, created empty when absent so defaulting can write into it. */
export function metadataOf(obj: KubernetesObject): ObjectMeta {
  if (!isRecord(obj.metadata)) obj.metadata = {};
  return obj.metadata as ObjectMeta;
}

/** A nested section (`spec`, `status`, `spec.template`...), created when absent. */
export function sectionOf(parent: JsonRecord, key: string): JsonRecord {
  const existing = parent[key];
  if (isRecord(existing)) return existing;
  const created: JsonRecord = {};
  parent[key] = created;
  return created;
}

/** A nested section if present, without creating it. */
export function optionalSection(parent: JsonRecord | undefined, key: string): JsonRecord | undefined {
  const value = parent?.[key];
  return isRecord(value) ? value : undefined;
}

/** The array, or an empty one when the field is absent or not an array. */
export function arrayOf<T>(value: T[] | undefined | null): T[];
export function arrayOf<T = JsonRecord>(value: unknown): T[];
export function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function stringMapOf(value: unknown): Record<string, string> | undefined {
  return isRecord(value) ? (value as Record<string, string>) : undefined;
}

/** Structural equality for JSON values; key order is ignored, as Go's DeepEqual ignores map order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keysA = Object.keys(a).filter((k) => a[k] !== undefined);
    const keysB = Object.keys(b).filter((k) => b[k] !== undefined);
    return keysA.length === keysB.length && keysA.every((k) => jsonEqual(a[k], b[k]));
  }
  return false;
}

export function deepCopy<T>(value: T): T {
  return structuredClone(value);
}
