// RuntimeClasses: `NAME HANDLER AGE`.
import type { IRuntimeClass } from 'kubernetes-models/node.k8s.io/v1';
import { age } from './human-duration.js';
import { ageColumn, column, definePrinter, nameColumn } from './printer.js';

export const runtimeClassPrinter = definePrinter<IRuntimeClass>({
  columns: [nameColumn(), column('Handler', 'The CRI handler that runs pods of this class.'), ageColumn()],
  cells: (rc, now) => [rc.metadata?.name ?? '', rc.handler ?? '', age(rc.metadata?.creationTimestamp, now)],
});
