// Leases (coordination.k8s.io/v1) as heartbeats: a kubelet renews its node's lease in
// kube-node-lease, the scheduler its own in kube-system. Renewal is a merge patch of the spec;
// a missing lease is created.
import { ApiError } from '../api/api-errors.js';
import { defaultCatalog } from '../api/resource-catalog.js';
import type { ApiClient } from './api-client.js';
import { resourcePath } from './resource-path.js';
import { microTime } from '../meta/time.js';

const leasesType = defaultCatalog.byPath('coordination.k8s.io', 'v1', 'leases')!;


export interface LeaseRenewal {
  namespace: string;
  name: string;
  holderIdentity: string;
  leaseDurationSeconds: number;
  /** the renewal time, in ms since the epoch */
  now: number;
  /** set on creation only (a node lease is owned by its Node) */
  ownerReferences?: Array<{ apiVersion: string; kind: string; name: string; uid: string }>;
}

export async function renewLease(client: ApiClient, lease: LeaseRenewal): Promise<void> {
  const spec = { holderIdentity: lease.holderIdentity, leaseDurationSeconds: lease.leaseDurationSeconds, renewTime: microTime(lease.now) };
  try {
    await client.patch(resourcePath(leasesType, lease.namespace, lease.name), { spec }, 'application/merge-patch+json');
  } catch (err) {
    if (!(err instanceof ApiError && err.code === 404)) throw err;
    await client.create(resourcePath(leasesType, lease.namespace), {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: lease.name, namespace: lease.namespace, ...(lease.ownerReferences ? { ownerReferences: lease.ownerReferences } : {}) },
      spec: { ...spec, acquireTime: spec.renewTime },
    });
  }
}
