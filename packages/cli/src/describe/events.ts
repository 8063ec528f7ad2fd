// The "Events:" section every describer ends with: searchEvents (the follow-up list request)
// and DescribeEvents (the table), both from describe.go.
import type { Event } from '@kctl/shared';
import type { DescribeContext } from './context.js';
import { listAll } from './context.js';
import { goSort } from './go-sort.js';
import type { PrefixWriter } from './prefix-writer.js';
import { LEVEL_0, LEVEL_1 } from './prefix-writer.js';
import { parseTimestamp, timestampSince } from './time-format.js';

/** What kubectl's reference.GetReference yields for the described object. */
export interface InvolvedObjectRef {
  /** omitted for pods: PodDescriber clears ref.Kind before searching */
  kind?: string;
  name: string;
  namespace: string;
  uid?: string;
}

/**
 * Lists the events about one object. Failures are swallowed like kubectl's
 * `events, _ = searchEvents(...)`: the section then reads "<none>".
 */
export async function searchEvents(ctx: DescribeContext, ref: InvolvedObjectRef): Promise<Event[]> {
  const terms: Array<[string, string | undefined]> = [
    ['involvedObject.kind', ref.kind || undefined],
    ['involvedObject.name', ref.name],
    ['involvedObject.namespace', ref.namespace],
    ['involvedObject.uid', ref.uid || undefined],
  ];
  const fieldSelector = terms
    .filter((t): t is [string, string] => t[1] !== undefined)
    .map(([field, value]) => `${field}=${value}`)
    .join(',');
  const path = ref.namespace ? `/api/v1/namespaces/${encodeURIComponent(ref.namespace)}/events` : '/api/v1/events';
  try {
    return await listAll<Event>(ctx.client, path, { fieldSelector });
  } catch {
    return [];
  }
}

/** event.SortableEvents: oldest first, by lastTimestamp, else eventTime. */
function eventSortTime(e: Event): number {
  return (parseTimestamp(e.lastTimestamp) ?? parseTimestamp(e.eventTime))?.getTime() ?? Number.NEGATIVE_INFINITY;
}

/** The Age cell: "5s", or "2m (x3 over 5m)" for a repeated event or an event series. */
function eventAge(e: Event, now: Date): string {
  const first = e.eventTime ? timestampSince(e.eventTime, now) : timestampSince(e.firstTimestamp, now);
  if (e.series) return `${timestampSince(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${timestampSince(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

export function describeEvents(events: Event[], w: PrefixWriter, now: Date): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  // The table is aligned on its own, not with the fields above it.
  w.flush();
  // kubectl sorts with Go's sort.Sort, which is not stable: same-second events come out in its order.
  const sorted = goSort([...events], (a, b) => eventSortTime(a) < eventSortTime(b));
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const source = e.source?.component || e.reportingComponent || '';
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${eventAge(e, now)}\t${source}\t${(e.message ?? '').trim()}\n`);
  }
}

/** describerSettings.ShowEvents: the object's events, or undefined (no section at all) when off. */
export async function loadEvents(ctx: DescribeContext, ref: InvolvedObjectRef): Promise<Event[] | undefined> {
  return ctx.showEvents ? searchEvents(ctx, ref) : undefined;
}
