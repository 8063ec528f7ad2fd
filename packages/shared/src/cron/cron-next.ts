// The next activation of a parsed schedule, as robfig/cron's SpecSchedule.Next and
// ConstantDelaySchedule.Next compute it: field schedules are matched against the wall clock of a
// time zone (the process's own when none is given, as kube-controller-manager uses time.Local),
// `@every` schedules just add their interval. Day matching follows robfig: when either day field
// is a star, both must match; otherwise either may.
import type { CronSchedule } from './cron-schedule.js';

const MINUTE_MS = 60_000;
/** robfig gives up after five years (a schedule like "0 0 30 2 *" never fires). */
const SEARCH_YEARS = 5;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether the IANA zone name is known (Kubernetes' time.LoadLocation check). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** How far the zone's wall clock is ahead of UTC at instant ms. */
export function zoneOffsetMs(ms: number, timeZone?: string): number {
  if (timeZone === undefined) return -new Date(ms).getTimezoneOffset() * MINUTE_MS;
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The first activation strictly after `after`, or undefined when none comes within five years. */
export function nextScheduleTime(schedule: CronSchedule, after: Date, timeZone?: string): Date | undefined {
  const afterMs = after.getTime();
  if (schedule.kind === 'every') return new Date(Math.floor(afterMs / 1000) * 1000 + schedule.intervalSeconds * 1000);
  // Wall-clock instants are kept as UTC dates so getUTC* reads the zone's fields.
  const wallAfter = afterMs + zoneOffsetMs(afterMs, timeZone);
  const wall = new Date(Math.floor(wallAfter / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
  const limit = wall.getUTCFullYear() + SEARCH_YEARS;
  while (wall.getUTCFullYear() <= limit) {
    if (!schedule.months.has(wall.getUTCMonth() + 1)) {
      wall.setUTCMonth(wall.getUTCMonth() + 1, 1);
      wall.setUTCHours(0, 0, 0, 0);
    } else if (!dayMatches(schedule, wall)) {
      wall.setUTCDate(wall.getUTCDate() + 1);
      wall.setUTCHours(0, 0, 0, 0);
    } else if (!schedule.hours.has(wall.getUTCHours())) {
      wall.setUTCHours(wall.getUTCHours() + 1, 0, 0, 0);
    } else if (!schedule.minutes.has(wall.getUTCMinutes())) {
      wall.setUTCMinutes(wall.getUTCMinutes() + 1, 0, 0);
    } else {
      const guess = wall.getTime() - zoneOffsetMs(wall.getTime(), timeZone);
      const instant = wall.getTime() - zoneOffsetMs(guess, timeZone);
      // A wall time repeated or skipped by a DST change can map before `after`: keep looking.
      if (instant > afterMs) return new Date(instant);
      wall.setUTCMinutes(wall.getUTCMinutes() + 1, 0, 0);
    }
  }
  return undefined;
}

function dayMatches(schedule: Extract<CronSchedule, { kind: 'fields' }>, wall: Date): boolean {
  const domMatch = schedule.daysOfMonth.has(wall.getUTCDate());
  const dowMatch = schedule.daysOfWeek.has(wall.getUTCDay());
  if (schedule.daysOfMonthStar || schedule.daysOfWeekStar) return domMatch && dowMatch;
  return domMatch || dowMatch;
}
