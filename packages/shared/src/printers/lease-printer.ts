// Leases: `NAME HOLDER AGE`. Node heartbeat leases are held by their node.
import type { ILease } from 'kubernetes-models/coordination.k8s.io/v1';
import { age } from './human-duration.js';
import { ageColumn, column, definePrinter, nameColumn } from './printer.js';

export const leasePrinter = definePrinter<ILease>({
  columns: [nameColumn(), column('Holder', 'The identity of the holder of the lease.'), ageColumn()],
  cells: (lease, now) => [lease.metadata?.name ?? '', lease.spec?.holderIdentity ?? '', age(lease.metadata?.creationTimestamp, now)],
});
