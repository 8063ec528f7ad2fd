// The split between a resource and its status subresource: a main update cannot change status,
// and a status update cannot change the spec or any other body field. Kubernetes' strategies copy
// the protected half from the stored object rather than rejecting the request.
import type { KubernetesObject } from '@kctl/shared';
import { deepCopy } from './object-access.js';

/** Main-resource update: the stored status wins. */
export function keepOldStatus(obj: KubernetesObject, old: KubernetesObject): void {
  if (old.status === undefined) delete obj.status;
  else obj.status = deepCopy(old.status);
}

/**
 * Status update: every body field except `status` comes from the stored object. Metadata stays
 * the request's, as in Kubernetes' built-in status strategies (labels and annotations may change
 * through /status; the REST layer already pins identity, deletion and generation fields), and the
 * metadata object itself is left in place because the REST layer holds a reference to it.
 */
export function keepOldBodyExceptStatus(obj: KubernetesObject, old: KubernetesObject): void {
  const kept = new Set(['status', 'metadata', 'apiVersion', 'kind']);
  for (const key of Object.keys(obj)) {
    if (!kept.has(key)) delete obj[key];
  }
  for (const [key, value] of Object.entries(old)) {
    if (!kept.has(key)) obj[key] = deepCopy(value);
  }
}
