// StatefulSets: `NAME READY AGE` · wide `CONTAINERS IMAGES` (no selector column upstream).
import type { IStatefulSet } from 'kubernetes-models/apps/v1';
import { containerCells } from './container-cells.js';
import { age } from './human-duration.js';
import { ageColumn, column, containerColumns, definePrinter, nameColumn } from './printer.js';

export const statefulSetPrinter = definePrinter<IStatefulSet>({
  columns: [nameColumn(), column('Ready', 'Number of the pod with ready state'), ageColumn(), ...containerColumns()],
  cells: (sts, now) => [
    sts.metadata?.name ?? '',
    `${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? 1}`,
    age(sts.metadata?.creationTimestamp, now),
    ...containerCells(sts.spec?.template?.spec?.containers),
  ],
});
