// The split between a resource and its status subresource: a main update cannot change status,
// and a status update cannot change anything else (Kubernetes' strategies copy the other half
// from the stored object rather than rejecting the request).
import type { KubernetesObject } from '@kctl/shared';
import { deepCopy } from './object-access.js';

/** Main-resource update: the stored status wins. */
export function keepOldStatus(obj: KubernetesObject, old: KubernetesObject): void {
  if (old.status === undefined) delete obj.status;
  else obj.status = deepCopy(old.status);
}

/**
 * Status update: everything but `status` comes from the stored object. The request's
 * resourceVersion is kept so the REST layer's optimistic-concurrency check still sees what the
 * client sent.
 */
export function keepAllButStatus(obj: KubernetesObject, old: KubernetesObject): void {
  const resourceVersion = obj.metadata?.resourceVersion;
  for (const key of Object.keys(obj)) {
    if (key !== 'status' && key !== 'apiVersion' && key !== 'kind') delete obj[key];
  }
  for (const [key, value] of Object.entries(old)) {
    if (key !== 'status' && key !== 'apiVersion' && key !== 'kind') obj[key] = deepCopy(value);
  }
  if (resourceVersion !== undefined) {
    obj.metadata = { ...obj.metadata, resourceVersion };
  }
}
