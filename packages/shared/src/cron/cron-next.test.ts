import { describe, expect, it } from 'vitest';
import { nextScheduleTime, isValidTimeZone } from './cron-next.js';
import { parseCronSchedule } from './cron-schedule.js';

function scheduleOf(spec: string) {
  const parsed = parseCronSchedule(spec);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.schedule;
}

const next = (spec: string, after: string, tz = 'UTC') => nextScheduleTime(scheduleOf(spec), new Date(after), tz)?.toISOString();

describe('nextScheduleTime', () => {
  it('is the next minute boundary strictly after the time for "* * * * *"', () => {
    expect(next('* * * * *', '2024-05-01T10:00:00.000Z')).toBe('2024-05-01T10:01:00.000Z');
    expect(next('* * * * *', '2024-05-01T10:00:59.999Z')).toBe('2024-05-01T10:01:00.000Z');
  });

  it('handles descriptors, steps and month rollover', () => {
    expect(next('@hourly', '2024-05-01T10:00:00Z')).toBe('2024-05-01T11:00:00.000Z');
    expect(next('*/15 * * * *', '2024-05-01T10:16:00Z')).toBe('2024-05-01T10:30:00.000Z');
    expect(next('0 0 1 * *', '2024-12-15T00:00:00Z')).toBe('2025-01-01T00:00:00.000Z');
    expect(next('@every 90s', '2024-05-01T10:00:00.500Z')).toBe('2024-05-01T10:01:30.000Z');
  });

  it('ORs restricted day-of-month and day-of-week, ANDs when one is a star', () => {
    // 2024-05-01 is a Wednesday.
    expect(next('0 0 15 * mon', '2024-05-01T00:00:00Z')).toBe('2024-05-06T00:00:00.000Z');
    expect(next('0 0 * * mon', '2024-05-01T00:00:00Z')).toBe('2024-05-06T00:00:00.000Z');
    expect(next('0 0 15 * *', '2024-05-01T00:00:00Z')).toBe('2024-05-15T00:00:00.000Z');
  });

  it('reads the wall clock of the time zone', () => {
    // 09:00 in New York (EDT, UTC-4) is 13:00 UTC.
    expect(next('0 9 * * *', '2024-05-01T00:00:00Z', 'America/New_York')).toBe('2024-05-01T13:00:00.000Z');
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });

  it('gives up on schedules that never fire', () => {
    expect(next('0 0 30 2 *', '2024-05-01T00:00:00Z')).toBeUndefined();
  });
});
