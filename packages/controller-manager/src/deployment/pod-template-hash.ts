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
import { canonicalJson, fnv32, safeEncodeString } from '../object-hash.js';

export function computePodTemplateHash(template: unknown, collisionCount?: number): string {
  let hash = fnv32('fnv1a', Buffer.from(canonicalJson(template), 'utf8'));
  if (collisionCount !== undefined) {
    // binary.LittleEndian.PutUint32 into an 8-byte slice: the upper four bytes stay zero.
    const bytes = Buffer.alloc(8);
    bytes.writeUInt32LE(collisionCount >>> 0, 0);
    hash = fnv32('fnv1a', bytes, hash);
  }
  return safeEncodeString(String(hash));
}
