// Namespaces: `NAME STATUS AGE`.
import type { Namespace } from '../api/object-types.js';
import { age } from './human-duration.js';
import { ageColumn, column, definePrinter, nameColumn } from './printer.js';

export const namespacePrinter = definePrinter<Namespace>({
  columns: [nameColumn(), column('Status', 'The status of the namespace'), ageColumn()],
  cells: (ns, now) => [ns.metadata?.name ?? '', ns.status?.phase ?? '', age(ns.metadata?.creationTimestamp, now)],
});
