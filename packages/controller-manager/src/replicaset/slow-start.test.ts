import { describe, expect, it } from 'vitest';
import { slowStartBatch } from './slow-start.js';

describe('slowStartBatch', () => {
  it('runs batches of 1, 2, 4, ... until the count is reached', async () => {
    const batches: number[] = [];
    let inFlight = 0;
    let current = 0;
    const result = await slowStartBatch(20, 1, async () => {
      if (inFlight === 0) batches.push((current = 0));
      inFlight++;
      current++;
      batches[batches.length - 1] = current;
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight--;
    });
    expect(result).toEqual({ successes: 20 });
    expect(batches).toEqual([1, 2, 4, 8, 5]);
  });

  it('stops after the first batch with a failure and reports its successes', async () => {
    let calls = 0;
    const result = await slowStartBatch(100, 1, async () => {
      calls++;
      // The 5th call fails: it belongs to the third batch (calls 4..7).
      if (calls === 5) throw new Error('quota exceeded');
    });
    expect(calls).toBe(7);
    expect(result.successes).toBe(6);
    expect((result.error as Error).message).toBe('quota exceeded');
  });

  it('does nothing for a count of zero', async () => {
    expect(await slowStartBatch(0, 1, () => Promise.reject(new Error('never')))).toEqual({ successes: 0 });
  });
});
