// Server-owned metadata: uid, timestamps, generateName, generation and resourceVersion.
import { randomUUID, randomInt } from 'node:crypto';
import type { KubernetesObject, ObjectMeta } from '@kctl/shared';
import type { StoredValue } from '../storage/object-store.js';

export type Clock = () => Date;

/** RFC 3339 with seconds precision, as Kubernetes serialises metav1.Time. */
export { metaTime as timestamp } from '@kctl/shared';

// Kubernetes' name generator alphabet: no vowels (no accidental words), no ambiguous digits.
const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function generateName(prefix: string): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += GENERATE_ALPHABET[randomInt(GENERATE_ALPHABET.length)];
  return `${prefix}${suffix}`;
}

export function newUid(): string {
  return randomUUID();
}

export function metadataOf(obj: KubernetesObject): ObjectMeta {
  if (!obj.metadata || typeof obj.metadata !== 'object') obj.metadata = {};
  return obj.metadata;
}

/** Everything but metadata and status: a change here is a "spec" change that bumps generation. */
export function specChanged(a: KubernetesObject, b: KubernetesObject): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (key === 'metadata' || key === 'status' || key === 'kind' || key === 'apiVersion') continue;
    if (!deepEqual(a[key], b[key])) return true;
  }
  return false;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  const ak = Object.keys(a as object);
  const bk = Object.keys(b as object);
  if (ak.length !== bk.length) return false;
  return ak.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The API view of a stored value: a copy with metadata.resourceVersion stamped from modRevision. */
export function fromStored(stored: StoredValue): KubernetesObject {
  const value = stored.value as KubernetesObject;
  return { ...value, metadata: { ...value.metadata, resourceVersion: String(stored.modRevision) } };
}

/** What is persisted: the object without resourceVersion (the store's revision is the truth). */
export function toStorable(obj: KubernetesObject): Record<string, unknown> {
  const { resourceVersion: _ignored, ...metadata } = obj.metadata ?? {};
  return { ...obj, metadata };
}

export function parseResourceVersion(rv: string | undefined): number | undefined {
  if (rv === undefined || rv === '') return undefined;
  const n = Number(rv);
  return Number.isSafeInteger(n) && n >= 0 ? n : Number.NaN;
}
