// One watch stream: the async iterator behind ObjectStore.watch(). The store offers it every
// committed event from the moment it subscribes; it keeps those matching its prefix in its own
// buffer, so a slow consumer never holds up writers or other watchers. Until its history replay
// is handed over it only buffers; afterwards it drops anything at or below the newest revision
// already queued, so an event that is both in the replayed history and offered live is delivered
// once. A consumer that falls more than `bufferLimit` events behind is cut off with
// WatchOverflowError: like Kubernetes' watch cache, it must re-watch from the last revision it saw.

import type { StoreEvent } from './object-store.js';

export class WatchOverflowError extends Error {
  constructor(readonly bufferLimit: number, readonly lastDeliveredRevision: number) {
    super(`watch fell more than ${bufferLimit} events behind; watch again from revision ${lastDeliveredRevision}`);
    this.name = 'WatchOverflowError';
  }
}

type Phase = 'replaying' | 'live' | 'failed' | 'ended';

export class StoreWatcher implements AsyncIterator<StoreEvent> {
  private phase: Phase = 'replaying';
  private replayed: StoreEvent[] = [];
  private replayPosition = 0;
  private live: StoreEvent[] = [];
  private newestQueuedRevision: number;
  private lastDeliveredRevision: number;
  private failure: unknown;
  private wakeUp: (() => void) | undefined;
  private readonly onAbort = () => this.end();

  constructor(
    private readonly prefix: string,
    afterRevision: number,
    private readonly bufferLimit: number,
    private readonly signal: AbortSignal,
    /** called once when the watcher stops accepting events */
    private readonly onClose: (watcher: StoreWatcher) => void,
  ) {
    this.newestQueuedRevision = afterRevision;
    this.lastDeliveredRevision = afterRevision;
    if (signal.aborted) this.phase = 'ended';
    else signal.addEventListener('abort', this.onAbort, { once: true });
  }

  get accepting(): boolean {
    return this.phase === 'replaying' || this.phase === 'live';
  }

  /** A committed event, offered in revision order. */
  offer(event: StoreEvent): void {
    if (!this.accepting || !event.object.key.startsWith(this.prefix)) return;
    if (this.phase === 'live' && event.revision <= this.newestQueuedRevision) return;
    if (this.live.length >= this.bufferLimit) {
      this.fail(new WatchOverflowError(this.bufferLimit, this.lastDeliveredRevision));
      return;
    }
    this.live.push(event);
    if (this.phase === 'live') this.newestQueuedRevision = event.revision;
    this.notify();
  }

  /** The history after the watch's revision (unfiltered, oldest first); the stream then goes live. */
  finishReplay(history: readonly StoreEvent[]): void {
    if (this.phase !== 'replaying') return;
    for (const event of history) {
      if (event.revision <= this.newestQueuedRevision) continue;
      if (event.object.key.startsWith(this.prefix)) this.replayed.push(event);
      this.newestQueuedRevision = event.revision;
    }
    const newestReplayed = this.newestQueuedRevision;
    this.live = this.live.filter((event) => event.revision > newestReplayed);
    this.newestQueuedRevision = this.live.at(-1)?.revision ?? newestReplayed;
    this.phase = 'live';
    this.notify();
  }

  /** Ends the stream with an error: buffered events are dropped, the next next() rejects. */
  fail(error: unknown): void {
    if (!this.accepting) return;
    this.failure = error;
    this.close('failed');
  }

  /** Ends the stream normally (abort, store closed). */
  end(): void {
    if (this.phase === 'ended') return;
    this.close('ended');
  }

  async next(): Promise<IteratorResult<StoreEvent>> {
    for (;;) {
      const event = this.take();
      if (event) {
        this.lastDeliveredRevision = event.revision;
        return { done: false, value: event };
      }
      if (this.phase === 'failed') {
        this.phase = 'ended';
        throw this.failure;
      }
      if (this.phase === 'ended') return { done: true, value: undefined };
      await new Promise<void>((resolve) => (this.wakeUp = resolve));
    }
  }

  async return(): Promise<IteratorResult<StoreEvent>> {
    this.end();
    return { done: true, value: undefined };
  }

  private take(): StoreEvent | undefined {
    if (this.phase !== 'live') return undefined;
    if (this.replayPosition < this.replayed.length) return this.replayed[this.replayPosition++];
    return this.live.shift();
  }

  private close(phase: 'failed' | 'ended'): void {
    const wasAccepting = this.accepting;
    this.phase = phase;
    this.replayed = [];
    this.live = [];
    this.signal.removeEventListener('abort', this.onAbort);
    if (wasAccepting) this.onClose(this);
    this.notify();
  }

  private notify(): void {
    const wakeUp = this.wakeUp;
    this.wakeUp = undefined;
    wakeUp?.();
  }
}
