// Timestamps as describe.go prints them: absolute times in RFC 1123 with a numeric zone
// (metav1.Time decodes into the local zone), relative ones with apimachinery's HumanDuration.

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

/** apimachinery duration.HumanDuration; integer divisions truncate like Go's. */
export function humanDuration(ms: number): string {
  const s = Math.trunc(ms / 1000);
  if (s < -1) return '<invalid>';
  if (s < 0) return '0s';
  if (s < 120) return `${s}s`;
  const m = Math.trunc(ms / 60000);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.trunc(ms / 3600000);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  if (h < 192) return h % 24 === 0 ? `${Math.trunc(h / 24)}d` : `${Math.trunc(h / 24)}d${h % 24}h`;
  if (h < 17520) return `${Math.trunc(h / 24)}d`;
  const days = Math.trunc(h / 24);
  const years = Math.trunc(days / 365);
  if (h < 70080) return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
  return `${years}y`;
}

/** describe.go's translateTimestampSince: "<unknown>" for a missing time. */
export function timestampSince(timestamp: string | undefined | null, now: Date): string {
  const date = parseTimestamp(timestamp);
  return date ? humanDuration(now.getTime() - date.getTime()) : '<unknown>';
}
