// The ControllerRevision hash of pkg/controller/history: FNV-32 (FNV-1, not FNV-1a) of the
// revision's data and the collision count, printed as a decimal and re-encoded with
// rand.SafeEncodeString.
import { canonicalJson, fnv32, safeEncodeString } from '../object-hash.js';

/** HashControllerRevision(revision, &collisionCount): both controllers always pass a count. */
export function hashRevisionData(data: unknown, collisionCount: number): string {
  return safeEncodeString(String(fnv32('fnv1', Buffer.from(canonicalJson(data) + String(collisionCount), 'utf8'))));
}
