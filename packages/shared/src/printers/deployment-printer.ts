// Deployments: `NAME READY UP-TO-DATE AVAILABLE AGE` · wide `CONTAINERS IMAGES SELECTOR`.
import type { Deployment } from '../api/object-types.js';
import { containerCells } from './container-cells.js';
import { age } from './human-duration.js';
import { labelSelectorString } from './label-strings.js';
import { ageColumn, column, containerColumns, definePrinter, nameColumn, wideColumn } from './printer.js';

export const deploymentPrinter = definePrinter<Deployment>({
  columns: [
    nameColumn(),
    column('Ready', 'Number of the pod with ready state'),
    // Declared string upstream but emitted as integers; kept as is for faithful clients.
    column('Up-to-date', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
    column('Available', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
    ageColumn(),
    ...containerColumns(),
    wideColumn('Selector', 'Label selector for pods.'),
  ],
  cells(deployment, now) {
    const status = deployment.status;
    const desired = deployment.spec?.replicas ?? 1;
    // Unlike the other workloads, an empty selector prints as nothing rather than <none>.
    const selector = labelSelectorString(deployment.spec?.selector) ?? '<invalid>';
    return [
      deployment.metadata?.name ?? '',
      `${status?.readyReplicas ?? 0}/${desired}`,
      status?.updatedReplicas ?? 0,
      status?.availableReplicas ?? 0,
      age(deployment.metadata?.creationTimestamp, now),
      ...containerCells(deployment.spec?.template?.spec?.containers),
      selector,
    ];
  },
});
