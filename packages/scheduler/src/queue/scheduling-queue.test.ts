import { afterEach, describe, expect, it, vi } from 'vitest';
import { SchedulingQueue } from './scheduling-queue.js';

describe('SchedulingQueue', () => {
  let queue: SchedulingQueue | undefined;
  afterEach(() => {
    queue?.close();
    vi.useRealTimers();
  });

  it('pops higher priority first, then in arrival order, each key once', async () => {
    queue = new SchedulingQueue();
    queue.activate('a', 0);
    queue.activate('b', 10);
    queue.activate('c', 0);
    queue.activate('a', 0);
    expect([await queue.pop(), await queue.pop(), await queue.pop()]).toEqual(['b', 'a', 'c']);
    queue.activate('d', 0);
    queue.remove('d');
    queue.activate('e', 0);
    expect(await queue.pop()).toBe('e');
  });

  it('parks unschedulable pods until the cluster changes, then retries them after their back-off', async () => {
    vi.useFakeTimers();
    let now = 0;
    queue = new SchedulingQueue({ initialBackoffMs: 1000, maxBackoffMs: 4000 }, () => now);
    queue.markUnschedulable('p', 0);
    expect(queue.unschedulableCount).toBe(1);
    queue.addIfAbsent('p', 0); // an informer resync must not un-park it
    expect(queue.activeCount).toBe(0);
    now = 400;
    queue.moveAllUnschedulable();
    expect(queue.activeCount).toBe(0);
    now = 1000;
    vi.advanceTimersByTime(600);
    expect(queue.activeCount).toBe(1);
    expect(await queue.pop()).toBe('p');
    // Each failure doubles the back-off, up to the cap.
    queue.markUnschedulable('p', 0);
    expect(queue.backoffRemaining('p')).toBe(2000);
    queue.markUnschedulable('p', 0);
    queue.markUnschedulable('p', 0);
    expect(queue.backoffRemaining('p')).toBe(4000);
  });

  it('retries parked pods after maxInUnschedulableMs even without a cluster change', () => {
    vi.useFakeTimers();
    let now = 0;
    queue = new SchedulingQueue({ initialBackoffMs: 10, maxBackoffMs: 10, maxInUnschedulableMs: 1000, flushIntervalMs: 100 }, () => now);
    queue.markUnschedulable('p', 0);
    now = 900;
    vi.advanceTimersByTime(900);
    expect(queue.activeCount).toBe(0);
    now = 1000;
    vi.advanceTimersByTime(100);
    expect(queue.activeCount).toBe(1);
  });

  it('wakes a waiting pop and answers undefined once closed', async () => {
    queue = new SchedulingQueue();
    const next = queue.pop();
    queue.activate('x', 0);
    expect(await next).toBe('x');
    const idle = queue.pop();
    queue.close();
    expect(await idle).toBeUndefined();
  });
});
