import { describe, expect, it } from 'vitest';
import type { StoreEvent } from './object-store.js';
import { RecentEvents } from './recent-events.js';

const event = (revision: number): StoreEvent => ({
  type: 'ADDED',
  revision,
  object: { key: `k${revision}`, value: {}, createRevision: revision, modRevision: revision },
});

describe('RecentEvents', () => {
  it('holds only the newest `capacity` events after wrapping around', () => {
    const recent = new RecentEvents(3);
    recent.reset(10);
    for (let revision = 11; revision <= 17; revision++) recent.push(event(revision));
    expect(recent.covers(14)).toBe(true);
    expect(recent.covers(13)).toBe(false);
    expect(recent.after(14).map((held) => held.revision)).toEqual([15, 16, 17]);
    expect(recent.after(16).map((held) => held.revision)).toEqual([17]);
    expect(recent.after(17)).toEqual([]);
  });

  it('after a reset covers only what comes after the reset revision', () => {
    const recent = new RecentEvents(5);
    recent.reset(40);
    expect(recent.covers(40)).toBe(true);
    expect(recent.covers(39)).toBe(false);
    expect(recent.covers(99)).toBe(true);
  });

  it('rejects a gap in revisions, which would make covers() lie', () => {
    const recent = new RecentEvents(5);
    recent.reset(0);
    recent.push(event(1));
    expect(() => recent.push(event(3))).toThrow(/consecutive/);
  });

  it('with capacity 0 holds nothing but still tracks the newest revision', () => {
    const recent = new RecentEvents(0);
    recent.reset(0);
    recent.push(event(1));
    expect(recent.covers(0)).toBe(false);
    expect(recent.covers(1)).toBe(true);
  });
});
