// The default StorageClass k3s ships with its local-path provisioner (named local-path and marked
// default), created once at start when missing. A user may delete or replace it afterwards; it is
// not re-created behind their back until the next start.
import type { ApiClient } from '@kctl/shared';
import { classPath, getIfExists, isAlreadyExists } from './api-calls.js';
import { ANN_DEFAULT_CLASS, type StorageClass } from './volume-types.js';

export const DEFAULT_CLASS_NAME = 'local-path';

export function defaultStorageClass(provisioner: string): StorageClass {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: DEFAULT_CLASS_NAME, annotations: { [ANN_DEFAULT_CLASS]: 'true' } },
    provisioner,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
  };
}

/** True when this call created the class. */
export async function ensureDefaultStorageClass(client: ApiClient, provisioner: string): Promise<boolean> {
  if (await getIfExists<StorageClass>(client, classPath(DEFAULT_CLASS_NAME))) return false;
  try {
    await client.create(classPath(), defaultStorageClass(provisioner));
    return true;
  } catch (err) {
    // Another manager created it meanwhile.
    if (isAlreadyExists(err)) return false;
    throw err;
  }
}
