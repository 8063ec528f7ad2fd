// core/v1 Events: `LAST SEEN TYPE REASON OBJECT MESSAGE` · wide adds SUBOBJECT, SOURCE,
// FIRST SEEN, COUNT and NAME. events.k8s.io/v1 Events are converted to core/v1 before printing.
import type { Event } from '../api/object-types.js';
import { age, parseTimestamp } from './human-duration.js';
import { column, definePrinter, nameColumn, wideColumn } from './printer.js';

/** `pod/web-0`, or only the lower-cased kind when the name is empty. */
function involvedObjectCell(event: Event): string {
  const kind = (event.involvedObject?.kind ?? '').toLowerCase();
  const name = event.involvedObject?.name;
  return name ? `${kind}/${name}` : kind;
}

/** formatEventSource: the legacy source wins over the reporting fields of the new API. */
function sourceCell(event: Event): string {
  const component = event.source?.component || event.reportingComponent || '';
  const instance = event.source?.host || event.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

/**
 * FIRST SEEN, LAST SEEN and COUNT, falling back from the legacy timestamps to eventTime, and
 * to the series for repeated events. A singleton from the new API has no count: it is 1.
 */
function seenAndCount(event: Event, now: Date): { first: string; last: string; count: number } {
  const hasFirst = parseTimestamp(event.firstTimestamp) !== undefined;
  const first = hasFirst ? age(event.firstTimestamp, now) : age(event.eventTime, now);
  if (event.series) {
    return { first, last: age(event.series.lastObservedTime, now), count: event.series.count ?? 0 };
  }
  const last = parseTimestamp(event.lastTimestamp) !== undefined ? age(event.lastTimestamp, now) : first;
  return { first, last, count: event.count || 1 };
}

export const eventPrinter = definePrinter<Event>({
  columns: [
    column('Last Seen', 'The time at which the most recent occurrence of this event was recorded.'),
    column('Type', 'Type of this event (Normal, Warning).'),
    column('Reason', 'A short, machine understandable string that gives the reason for this event.'),
    column('Object', 'The object that this event is about.'),
    wideColumn('Subobject', 'The field of the object this event is about, e.g. spec.containers{web}.'),
    wideColumn('Source', 'The component reporting this event.'),
    column('Message', 'A human-readable description of the status of this operation.'),
    wideColumn('First Seen', 'The time at which the event was first recorded.'),
    // Declared string upstream but emitted as an integer.
    wideColumn('Count', 'The number of times this event has occurred.'),
    // Hidden unless wide, which is why `get all`-style kind prefixes land in an invisible cell.
    { ...nameColumn(), priority: 1 },
  ],
  cells(event, now) {
    const { first, last, count } = seenAndCount(event, now);
    return [
      last,
      event.type ?? '',
      event.reason ?? '',
      involvedObjectCell(event),
      event.involvedObject?.fieldPath ?? '',
      sourceCell(event),
      (event.message ?? '').trim(),
      first,
      count,
      event.metadata?.name ?? '',
    ];
  },
});
