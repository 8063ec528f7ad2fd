import { describe, expect, it } from 'vitest';
import { EventSpamFilter } from './event-spam-filter.js';

describe('EventSpamFilter (client-go defaults: burst 25, one more per 5 minutes)', () => {
  it('lets 25 events of one object through, then one per 300 s; other objects have their own budget', () => {
    let now = 0;
    const filter = new EventSpamFilter({ clock: () => now });
    const allowed = Array.from({ length: 30 }, () => filter.allow('rs-a')).filter(Boolean).length;
    expect(allowed).toBe(25);
    expect(filter.allow('rs-b')).toBe(true);
    now += 299_000;
    expect(filter.allow('rs-a')).toBe(false);
    now += 1_000;
    expect(filter.allow('rs-a')).toBe(true);
    expect(filter.allow('rs-a')).toBe(false);
  });
});
