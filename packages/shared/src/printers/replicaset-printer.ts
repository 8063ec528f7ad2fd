// ReplicaSets: `NAME DESIRED CURRENT READY AGE` · wide `CONTAINERS IMAGES SELECTOR`.
import type { ReplicaSet } from '../api/object-types.js';
import { containerCells } from './container-cells.js';
import { age } from './human-duration.js';
import { formatLabelSelector } from './label-strings.js';
import { ageColumn, column, containerColumns, definePrinter, nameColumn, wideColumn } from './printer.js';

export const replicaSetPrinter = definePrinter<ReplicaSet>({
  columns: [
    nameColumn(),
    column('Desired', 'Number of desired pods.', { type: 'integer' }),
    column('Current', 'The most recently observed number of replicas.', { type: 'integer' }),
    column('Ready', 'The number of ready replicas for this replica set.', { type: 'integer' }),
    ageColumn(),
    ...containerColumns(),
    wideColumn('Selector', 'Label selector for pods.'),
  ],
  cells: (rs, now) => [
    rs.metadata?.name ?? '',
    rs.spec?.replicas ?? 1,
    rs.status?.replicas ?? 0,
    rs.status?.readyReplicas ?? 0,
    age(rs.metadata?.creationTimestamp, now),
    ...containerCells(rs.spec?.template?.spec?.containers),
    formatLabelSelector(rs.spec?.selector),
  ],
});
