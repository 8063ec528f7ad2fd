// A fixed-size ring of the newest events, so that a watch resuming from a recent revision (the
// common case: a client reconnecting) is served from memory without a disk read. Revisions are
// consecutive (every write is exactly one revision), so an event's slot is its revision modulo the
// capacity and "what is held" is just a range.

import type { StoreEvent } from './object-store.js';

export class RecentEvents {
  private readonly slots: Array<StoreEvent | undefined>;
  private newestRevision = 0;
  private held = 0;

  constructor(readonly capacity: number) {
    this.slots = new Array<StoreEvent | undefined>(capacity);
  }

  /** Empties the ring; it then holds every event after `revision` (there are none yet). */
  reset(revision: number): void {
    this.slots.fill(undefined);
    this.newestRevision = revision;
    this.held = 0;
  }

  push(event: StoreEvent): void {
    if (event.revision !== this.newestRevision + 1) {
      throw new Error(`recent events must be consecutive: got ${event.revision} after ${this.newestRevision}`);
    }
    this.newestRevision = event.revision;
    if (this.capacity === 0) return;
    this.slots[event.revision % this.capacity] = event;
    this.held = Math.min(this.held + 1, this.capacity);
  }

  /** Whether every event after `afterRevision` is held here. */
  covers(afterRevision: number): boolean {
    return afterRevision >= this.newestRevision - this.held;
  }

  /** The held events after `afterRevision`, oldest first. */
  after(afterRevision: number): StoreEvent[] {
    const events: StoreEvent[] = [];
    const oldest = Math.max(afterRevision + 1, this.newestRevision - this.held + 1);
    for (let revision = oldest; revision <= this.newestRevision; revision++) {
      events.push(this.slots[revision % this.capacity] as StoreEvent);
    }
    return events;
  }
}
