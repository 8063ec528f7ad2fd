// The kubectl.kubernetes.io/last-applied-configuration annotation that client-side apply keeps
// for its next three-way diff. Its value must be byte-identical to what kubectl writes
// (util.GetModifiedConfiguration), or switching between kubectl and kctl would show every
// object as changed: Go's encoding/json output (keys sorted bytewise, <, >, & and U+2028/9
// escaped) of the manifest with its annotations present (an empty map if it had none) minus
// this annotation, plus the newline json.Encoder appends.
import type { KubernetesObject } from '@kctl/shared';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** The manifest as apply sends it: a copy carrying its own last-applied annotation. */
export function withLastApplied(manifest: KubernetesObject): KubernetesObject {
  const annotations = { ...manifest.metadata?.annotations };
  delete annotations[LAST_APPLIED_ANNOTATION];
  const bare: KubernetesObject = { ...manifest, metadata: { ...manifest.metadata, annotations } };
  const encoded = `${goJson(bare)}\n`;
  return { ...bare, metadata: { ...bare.metadata, annotations: { ...annotations, [LAST_APPLIED_ANNOTATION]: encoded } } };
}

/** The configuration the live object was last applied with, if it carries one that parses. */
export function lastAppliedOf(live: KubernetesObject): unknown {
  const text = live.metadata?.annotations?.[LAST_APPLIED_ANNOTATION];
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Compact JSON exactly as Go's json.Marshal writes a map[string]interface{}. */
export function goJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => compareBytes(a, b));
    return `{${entries.map(([k, v]) => `${goString(k)}:${goJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'string') return goString(value);
  return JSON.stringify(value) ?? 'null';
}

function goString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Go sorts map keys by their UTF-8 bytes; JS compares UTF-16 units (differs above U+FFFF). */
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
