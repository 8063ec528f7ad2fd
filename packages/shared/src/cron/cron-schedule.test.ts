import { describe, expect, it } from 'vitest';
import { parseCronSchedule } from './cron-schedule.js';

const errorOf = (spec: string) => {
  const result = parseCronSchedule(spec);
  return result.ok ? undefined : result.error;
};

describe('parseCronSchedule', () => {
  it('expands fields, ranges, steps and names', () => {
    const result = parseCronSchedule('*/15 9-17 * jan-mar mon,fri');
    expect(result.ok).toBe(true);
    if (!result.ok || result.schedule.kind !== 'fields') throw new Error('expected field schedule');
    expect([...result.schedule.minutes]).toEqual([0, 15, 30, 45]);
    expect([...result.schedule.hours]).toEqual([9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect([...result.schedule.months]).toEqual([1, 2, 3]);
    expect([...result.schedule.daysOfWeek]).toEqual([1, 5]);
    expect(result.schedule.daysOfMonth.size).toBe(31);
  });

  it('accepts descriptors', () => {
    expect(parseCronSchedule('@hourly')).toMatchObject({ ok: true, schedule: { kind: 'fields' } });
    expect(parseCronSchedule('@every 1h30m')).toEqual({ ok: true, schedule: { kind: 'every', intervalSeconds: 5400 } });
  });

  it("reports errors in robfig/cron's words", () => {
    expect(errorOf('* * * *')).toBe('expected exactly 5 fields, found 4: [* * * *]');
    expect(errorOf('60 * * * *')).toBe('end of range (60) above maximum (59): 60');
    expect(errorOf('* * 0 * *')).toBe('beginning of range (0) below minimum (1): 0');
    expect(errorOf('5-1 * * * *')).toBe('beginning of range (5) beyond end of range (1): 5-1');
    expect(errorOf('a * * * *')).toBe('failed to parse int from a: strconv.Atoi: parsing "a": invalid syntax');
    expect(errorOf('*/0 * * * *')).toBe('step of range should be a positive number: */0');
    expect(errorOf('@sometimes')).toBe('unrecognized descriptor: @sometimes');
  });
});
