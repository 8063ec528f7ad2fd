// The pod-template-hash of a Deployment's ReplicaSets: controller.ComputeHash
// (pkg/controller/controller_utils.go) is FNV-1a (32 bit) over the template, then over the
// collision count as 8 little-endian bytes when the Deployment has one, printed in decimal and
// re-encoded with apimachinery's rand.SafeEncodeString (no vowels, so no words; no 0/O, 1/l).
//
// Upstream feeds the hasher Go's spew dump of the typed v1.PodTemplateSpec struct (every field,
// zero values included, in Go declaration order). Reproducing that byte stream needs the full Go
// type schema of PodSpec, so we hash the template's canonical JSON instead: the same template
// always yields the same hash and a collision count changes it, which is all the controller (and
// kubectl, which compares templates rather than hashes) relies on; the names differ from a real
// cluster's for the same template.
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** hash/fnv New32a: xor the byte in, then multiply. */
export function fnv32a(bytes: Uint8Array, hash = FNV_OFFSET): number {
  let h = hash;
  for (const byte of bytes) h = Math.imul((h ^ byte) >>> 0, FNV_PRIME) >>> 0;
  return h;
}

/** rand.SafeEncodeString: each byte of the input mapped into the safe alphabet. */
export function safeEncodeString(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) out += SAFE_ALPHABET[byte % SAFE_ALPHABET.length];
  return out;
}

/** JSON with keys sorted at every level and undefined dropped: equal templates, equal text. */
export function canonicalJson(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>)
              .filter(([, x]) => x !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  return JSON.stringify(canonical(value));
}

export function computePodTemplateHash(template: unknown, collisionCount?: number): string {
  let hash = fnv32a(Buffer.from(canonicalJson(template), 'utf8'));
  if (collisionCount !== undefined) {
    // binary.LittleEndian.PutUint32 into an 8-byte slice: the upper four bytes stay zero.
    const bytes = Buffer.alloc(8);
    bytes.writeUInt32LE(collisionCount >>> 0, 0);
    hash = fnv32a(bytes, hash);
  }
  return safeEncodeString(String(hash));
}
