// Kubernetes' HumanDuration (k8s.io/apimachinery pkg/util/duration) and the printers'
// translateTimestampSince: how every AGE-like cell is spelled.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Formats a duration the way `kubectl get` does: two units at most and fewer as it grows
 * ("2m5s", "3h10m", "5d3h", "2y30d"). All divisions truncate toward zero, like Go's integer
 * division, and years are 365 days.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  // Up to ~1 s in the future is treated as clock skew between components, beyond that the
  // timestamp is simply wrong.
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 3 * 60) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 8 * 24) return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
  if (hours < 2 * 365 * 24) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 8 * 365 * 24) return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
  return `${years}y`;
}

/** Go's zero time.Time, which is what an unset metav1.Time serialises to when it is not omitted. */
const GO_ZERO_TIME_MS = Date.parse('0001-01-01T00:00:00Z');

/** Milliseconds since the epoch, or undefined for a missing, zero or unparsable timestamp. */
export function parseTimestamp(timestamp: string | undefined): number | undefined {
  if (!timestamp) return undefined;
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms) || ms === GO_ZERO_TIME_MS) return undefined;
  return ms;
}

/**
 * Time elapsed from `timestamp` (RFC 3339, with or without fractional seconds, so it serves
 * metav1.Time and metav1.MicroTime alike) to `now`; `<unknown>` when there is no timestamp.
 */
export function age(timestamp: string | undefined, now: Date): string {
  const ms = parseTimestamp(timestamp);
  return ms === undefined ? '<unknown>' : humanDuration(now.getTime() - ms);
}
