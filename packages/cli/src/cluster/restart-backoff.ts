// Delay before restarting a component that died: doubles from `baseMs` up to `capMs`, so a
// component that crashes at start-up does not spin, and starts over once a run lasted
// `resetAfterMs` (the crash was then a one-off, not a loop). Kubelet-style CrashLoopBackOff.
export interface BackoffSettings {
  baseMs: number;
  capMs: number;
  resetAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { baseMs: 100, capMs: 5_000, resetAfterMs: 30_000 };

export class RestartBackoff {
  private nextDelayMs: number;

  constructor(private readonly settings: BackoffSettings = DEFAULT_BACKOFF) {
    this.nextDelayMs = settings.baseMs;
  }

  /** The delay for a restart after a run of `uptimeMs`; advances the sequence. */
  delayAfterRun(uptimeMs: number): number {
    if (uptimeMs >= this.settings.resetAfterMs) this.nextDelayMs = this.settings.baseMs;
    const delay = this.nextDelayMs;
    this.nextDelayMs = Math.min(delay * 2, this.settings.capMs);
    return delay;
  }
}
