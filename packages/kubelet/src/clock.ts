// Time as the kubelet sees it: injected everywhere so back-off, probe periods and heartbeats are
// tested by advancing a fake clock instead of sleeping.

export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** milliseconds since the epoch */
  now(): number;
  /** runs fn once after ms (never earlier) */
  setTimeout(fn: () => void, ms: number): TimerHandle;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, ms);
    // Timers never keep the process alive on their own: the informer and server do that.
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};
