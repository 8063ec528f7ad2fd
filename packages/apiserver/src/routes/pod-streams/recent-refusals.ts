// kubectl answers a refused WebSocket upgrade by retrying the same URL over SPDY and prints the
// Status of that second answer. The retry must therefore get the first refusal's Status, without
// asking the kubelet again (which would run the command if it had become runnable meanwhile).
import type { Status } from '@kctl/shared';

const TTL_MS = 30_000;
const MAX_ENTRIES = 256;

export class RecentRefusals {
  private readonly entries = new Map<string, { status: Status; expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  remember(url: string, status: Status): void {
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(url, { status, expires: this.now() + TTL_MS });
  }

  /** The refusal for this URL, once: each WebSocket attempt is retried at most once. */
  take(url: string): Status | undefined {
    const entry = this.entries.get(url);
    this.entries.delete(url);
    return entry && entry.expires > this.now() ? entry.status : undefined;
  }
}
