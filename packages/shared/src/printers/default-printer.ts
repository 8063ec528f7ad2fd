// The table of kinds without a printer (pkg/registry/rest/table.go defaultTableConvertor):
// Name and the creation time as an RFC 3339 UTC `date` cell that kubectl prints verbatim.
import type { KubernetesObject } from '../api/object-types.js';
import { parseTimestamp } from './human-duration.js';
import { metaTime } from '../meta/time.js';
import { column, nameColumn, type Printer } from './printer.js';

/** What Go's metav1.Time marshals a zero time as. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

/** RFC 3339 in UTC with whole seconds, as Go's time.RFC3339 formats it. */
function rfc3339Utc(timestamp: string | undefined): string {
  const ms = parseTimestamp(timestamp);
  return ms === undefined ? ZERO_TIME : metaTime(ms);
}

export const defaultPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Created At', 'CreationTimestamp is a timestamp representing the server time when this object was created.', { type: 'date' }),
  ],
  cells: (obj: KubernetesObject) => [obj.metadata?.name ?? '', rfc3339Utc(obj.metadata?.creationTimestamp)],
};
