import { describe, expect, it, vi } from 'vitest';
import { WorkQueue } from './work-queue.js';
import { ItemExponentialRateLimiter } from './rate-limiter.js';
import { runWorkers } from './run-workers.js';

describe('WorkQueue', () => {
  it('keeps a key once while it waits', async () => {
    const q = new WorkQueue();
    q.add('a');
    q.add('b');
    q.add('a');
    expect(q.length).toBe(2);
    expect(await q.get()).toBe('a');
    expect(await q.get()).toBe('b');
  });

  it('never hands out a key being processed; a re-add comes back after done()', async () => {
    const q = new WorkQueue();
    q.add('a');
    const key = await q.get();
    q.add('a');
    expect(q.length).toBe(0);
    let second: string | undefined;
    void q.get().then((k) => (second = k));
    await Promise.resolve();
    expect(second).toBeUndefined();
    q.done(key!);
    await vi.waitFor(() => expect(second).toBe('a'));
  });

  it('wakes a waiting worker on add', async () => {
    const q = new WorkQueue();
    const next = q.get();
    q.add('x');
    expect(await next).toBe('x');
  });

  it('adds after a delay, an earlier pending add winning', async () => {
    vi.useFakeTimers();
    try {
      const q = new WorkQueue();
      q.addAfter('a', 100);
      q.addAfter('a', 500);
      vi.advanceTimersByTime(99);
      expect(q.length).toBe(0);
      vi.advanceTimersByTime(1);
      expect(q.length).toBe(1);
      vi.advanceTimersByTime(1000);
      expect(q.length).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('backs off exponentially per key until forget()', () => {
    const limiter = new ItemExponentialRateLimiter<string>();
    expect([1, 2, 3, 4].map(() => limiter.when('a'))).toEqual([5, 10, 20, 40]);
    expect(limiter.when('b')).toBe(5);
    for (let i = 0; i < 40; i++) limiter.when('a');
    expect(limiter.when('a')).toBe(1_000_000);
    limiter.forget('a');
    expect(limiter.when('a')).toBe(5);
  });

  it('requeues with the rate limiter it was given', () => {
    vi.useFakeTimers();
    try {
      const q = new WorkQueue<string>({ rateLimiter: new ItemExponentialRateLimiter(100, 1000) });
      q.addRateLimited('a');
      expect(q.numRequeues('a')).toBe(1);
      vi.advanceTimersByTime(99);
      expect(q.length).toBe(0);
      vi.advanceTimersByTime(1);
      expect(q.length).toBe(1);
      q.forget('a');
      expect(q.numRequeues('a')).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('after shutDown hands out what is queued, then undefined, and ignores adds', async () => {
    const q = new WorkQueue();
    const idle = q.get();
    q.shutDown();
    expect(await idle).toBeUndefined();
    const q2 = new WorkQueue();
    q2.add('a');
    q2.addAfter('late', 10);
    q2.shutDown();
    q2.add('b');
    expect(await q2.get()).toBe('a');
    expect(await q2.get()).toBeUndefined();
  });
});

describe('runWorkers', () => {
  it('reconciles every key, never one key twice at once, and retries failures with back-off', async () => {
    const q = new WorkQueue<string>({ rateLimiter: new ItemExponentialRateLimiter(1, 10) });
    const running = new Set<string>();
    const calls: string[] = [];
    let overlaps = 0;
    let failuresLeft = 2;
    const done = runWorkers(
      q,
      4,
      async (key) => {
        if (running.has(key)) overlaps++;
        running.add(key);
        calls.push(key);
        await new Promise((r) => setTimeout(r, 5));
        running.delete(key);
        if (key === 'flaky' && failuresLeft-- > 0) throw new Error('try again');
      },
      { onError: () => {} },
    );
    for (let i = 0; i < 3; i++) {
      q.add('a');
      q.add('flaky');
      await new Promise((r) => setTimeout(r, 1));
    }
    await vi.waitFor(() => expect(calls.filter((k) => k === 'flaky').length).toBeGreaterThanOrEqual(3));
    await vi.waitFor(() => expect(q.numRequeues('flaky')).toBe(0));
    expect(overlaps).toBe(0);
    q.shutDown();
    await done;
  });
});
