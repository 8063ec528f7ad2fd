// Small pieces every queue-driven controller here shares: the namespace/name queue key and the
// "already gone" test for API calls.
import { ApiError } from '@kctl/shared';

/** A queue key `namespace/name` (namespace empty for cluster-scoped objects) back into its parts. */
export function splitKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}

/** The object is gone (404): for a controller usually nothing left to do. */
export const isNotFound = (err: unknown): boolean => err instanceof ApiError && err.code === 404;
