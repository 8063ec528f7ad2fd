// Per-container restart back-off, mirroring client-go's flowcontrol.Backoff as the kubelet uses
// it in kuberuntime_manager.go doBackOff: the first restart is immediate, then 10 s doubling to
// 5 min; an entry whose last restart is older than the reset period (2 × max = 10 min) starts
// over. Time comes from the injected clock, so the schedule is tested without sleeping.
import type { Clock } from '../clock.js';

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** a container that ran this long since its last restart has its back-off reset */
  resetMs: number;
}

interface Entry {
  backoffMs: number;
  lastUpdate: number;
}

export class CrashBackoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly clock: Clock,
  ) {}

  private expired(entry: Entry, eventTime: number): boolean {
    return eventTime - entry.lastUpdate > this.policy.resetMs;
  }

  /** Backoff.IsInBackOffSince: is a restart still forbidden for a container that exited at eventTime? */
  isInBackOffSince(key: string, eventTime: number): boolean {
    const entry = this.entries.get(key);
    if (!entry || this.expired(entry, eventTime)) return false;
    return this.clock.now() - eventTime < entry.backoffMs;
  }

  /** Backoff.Next: records a restart and lengthens the next delay. */
  next(key: string, eventTime: number): void {
    const entry = this.entries.get(key);
    if (!entry || this.expired(entry, eventTime)) {
      this.entries.set(key, { backoffMs: this.policy.baseMs, lastUpdate: this.clock.now() });
      return;
    }
    entry.backoffMs = Math.min(entry.backoffMs * 2, this.policy.maxMs);
    entry.lastUpdate = this.clock.now();
  }

  /** The current delay (Backoff.Get). */
  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  /** When a container in back-off since eventTime may start again. */
  retryAt(key: string, eventTime: number): number {
    return eventTime + this.get(key);
  }

  /** Drops every entry of a pod that is gone (keys start with its uid). */
  forgetPod(podUid: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(`${podUid}/`)) this.entries.delete(key);
  }
}

/** getStableKey: one back-off per pod and container. */
export function backoffKey(podUid: string, containerName: string): string {
  return `${podUid}/${containerName}`;
}
