import { describe, expect, it } from 'vitest';
import { RestartBackoff } from './restart-backoff.js';

describe('RestartBackoff', () => {
  const settings = { baseMs: 100, capMs: 1_000, resetAfterMs: 30_000 };

  it('doubles from the base up to the cap while runs stay short', () => {
    const backoff = new RestartBackoff(settings);
    const delays = Array.from({ length: 6 }, () => backoff.delayAfterRun(10));
    expect(delays).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('starts over after a run that lasted the reset period', () => {
    const backoff = new RestartBackoff(settings);
    backoff.delayAfterRun(10);
    backoff.delayAfterRun(10);
    expect(backoff.delayAfterRun(29_999)).toBe(400);
    expect(backoff.delayAfterRun(30_000)).toBe(100);
    expect(backoff.delayAfterRun(10)).toBe(200);
  });
});
