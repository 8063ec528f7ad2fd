// Timestamps as describe.go prints them: absolute times in RFC 1123 with a numeric zone
// (metav1.Time decodes into the local zone), relative ones with apimachinery's HumanDuration.
import { humanDuration } from '@kctl/shared';

export { humanDuration };

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** What Go prints for a zero metav1.Time (e.g. a condition without lastHeartbeatTime). */
export const ZERO_TIME_RFC1123Z = 'Mon, 01 Jan 0001 00:00:00 +0000';

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Go's time.RFC1123Z layout, "Mon, 02 Jan 2006 15:04:05 -0700", in the local zone. */
export function formatRfc1123z(timestamp: string | undefined | null): string {
  const date = parseTimestamp(timestamp);
  if (!date) return ZERO_TIME_RFC1123Z;
  const offsetMinutes = -date.getTimezoneOffset();
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${DAYS[date.getDay()]}, ${pad2(date.getDate())} ${MONTHS[date.getMonth()]} ${date.getFullYear()} ` +
    `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())} ${sign}${pad2(Math.trunc(abs / 60))}${pad2(abs % 60)}`
  );
}

export function parseTimestamp(timestamp: string | undefined | null): Date | undefined {
  if (!timestamp) return undefined;
  const date = new Date(timestamp);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** describe.go's translateTimestampSince: "<unknown>" for a missing time. */
export function timestampSince(timestamp: string | undefined | null, now: Date): string {
  const date = parseTimestamp(timestamp);
  return date ? humanDuration(now.getTime() - date.getTime()) : '<unknown>';
}
