// The hashing pieces both controller hashes are built from: Go's hash/fnv (32 bit) and
// apimachinery's rand.SafeEncodeString, plus the canonical JSON we hash instead of Go's spew dump.
// ControllerRevisions use FNV-1 and pod-template-hash uses FNV-1a, as upstream does; the two give
// different numbers for the same input, so the variant is explicit at every call.
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** hash/fnv New32 ('fnv1': multiply, then xor) or New32a ('fnv1a': xor, then multiply), continuing from `hash`. */
export function fnv32(variant: 'fnv1' | 'fnv1a', bytes: Uint8Array, hash = FNV_OFFSET): number {
  let h = hash;
  if (variant === 'fnv1') for (const byte of bytes) h = (Math.imul(h, FNV_PRIME) ^ byte) >>> 0;
  else for (const byte of bytes) h = Math.imul((h ^ byte) >>> 0, FNV_PRIME) >>> 0;
  return h;
}

/** rand.SafeEncodeString: each character mapped into an alphabet with no vowels (no words) and no look-alikes (0/O, 1/l). */
export function safeEncodeString(text: string): string {
  let out = '';
  for (const char of text) out += SAFE_ALPHABET[char.codePointAt(0)! % SAFE_ALPHABET.length];
  return out;
}

/** JSON with keys sorted at every level and undefined dropped, so equal data hashes equally whatever order the server kept. */
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
