// The ControllerRevision hash of pkg/controller/history: FNV-32 of the revision's data (and of the
// collision count, when there is one), printed as a decimal and re-encoded with apimachinery's
// rand.SafeEncodeString alphabet, which has no vowels (no words) and no look-alikes (0/O, 1/l).
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** hash/fnv New32 (FNV-1, not FNV-1a: multiply, then xor), over UTF-8 bytes. */
export function fnv32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash = Math.imul(hash, 0x01000193) >>> 0;
    hash = (hash ^ byte) >>> 0;
  }
  return hash;
}

/** rand.SafeEncodeString: each character of the input mapped into the safe alphabet. */
export function safeEncodeString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += SAFE_ALPHABET[text.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

/** Keys sorted at every level, so equal data hashes equally whatever order the server kept. */
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

/** HashControllerRevision(revision, &collisionCount): both controllers always pass a count. */
export function hashRevisionData(data: unknown, collisionCount: number): string {
  return safeEncodeString(String(fnv32(canonicalJson(data) + String(collisionCount))));
}
