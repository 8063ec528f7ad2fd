import { describe, expect, it } from 'vitest';
import { FakeClock } from '../clock.test-support.js';
import { CrashBackoff } from './crash-backoff.js';
import { formatGoDuration } from './go-duration.js';

const policy = { baseMs: 10_000, maxMs: 300_000, resetMs: 600_000 };

describe('CrashBackoff', () => {
  it('lets the first restart through, then waits 10s, 20s, 40s ... capped at 5m', () => {
    const clock = new FakeClock();
    const backoff = new CrashBackoff(policy, clock);
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      const exitedAt = clock.now();
      if (i === 0) expect(backoff.isInBackOffSince('k', exitedAt)).toBe(false);
      else {
        expect(backoff.isInBackOffSince('k', exitedAt)).toBe(true);
        clock.advance(backoff.get('k') - 1);
        expect(backoff.isInBackOffSince('k', exitedAt)).toBe(true);
        clock.advance(1);
        expect(backoff.isInBackOffSince('k', exitedAt)).toBe(false);
      }
      backoff.next('k', exitedAt);
      delays.push(backoff.get('k'));
    }
    expect(delays.map(formatGoDuration)).toEqual(['10s', '20s', '40s', '1m20s', '2m40s', '5m0s', '5m0s', '5m0s']);
  });

  it('starts over once a container ran longer than the reset period', () => {
    const clock = new FakeClock();
    const backoff = new CrashBackoff(policy, clock);
    backoff.next('k', clock.now());
    backoff.next('k', clock.now());
    expect(backoff.get('k')).toBe(20_000);
    clock.advance(600_001); // ran for more than 10 minutes, then crashed
    const exitedAt = clock.now();
    expect(backoff.isInBackOffSince('k', exitedAt)).toBe(false);
    backoff.next('k', exitedAt);
    expect(backoff.get('k')).toBe(10_000);
  });
});
