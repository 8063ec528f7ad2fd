// DaemonSets: `NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE` · wide `CONTAINERS IMAGES SELECTOR`.
import type { IDaemonSet } from 'kubernetes-models/apps/v1';
import { containerCells } from './container-cells.js';
import { age } from './human-duration.js';
import { formatLabels, formatLabelSelector } from './label-strings.js';
import { ageColumn, column, containerColumns, definePrinter, nameColumn, wideColumn } from './printer.js';

export const daemonSetPrinter = definePrinter<IDaemonSet>({
  columns: [
    nameColumn(),
    column('Desired', 'The number of nodes that should be running the daemon pod.', { type: 'integer' }),
    column('Current', 'The number of nodes running at least one daemon pod that are supposed to.', { type: 'integer' }),
    column('Ready', 'The number of nodes whose daemon pod is ready.', { type: 'integer' }),
    column('Up-to-date', 'The number of nodes running the updated daemon pod spec.', { type: 'integer' }),
    column('Available', 'The number of nodes whose daemon pod is available.', { type: 'integer' }),
    column('Node Selector', 'The node selector of the daemon pods.'),
    ageColumn(),
    ...containerColumns(),
    wideColumn('Selector', 'Label selector for pods.'),
  ],
  cells(ds, now) {
    const status = ds.status;
    return [
      ds.metadata?.name ?? '',
      status?.desiredNumberScheduled ?? 0,
      status?.currentNumberScheduled ?? 0,
      status?.numberReady ?? 0,
      status?.updatedNumberScheduled ?? 0,
      status?.numberAvailable ?? 0,
      formatLabels(ds.spec?.template?.spec?.nodeSelector),
      age(ds.metadata?.creationTimestamp, now),
      ...containerCells(ds.spec?.template?.spec?.containers),
      formatLabelSelector(ds.spec?.selector),
    ];
  },
});
