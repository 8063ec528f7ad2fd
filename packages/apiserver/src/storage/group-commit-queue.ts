// Group commit: one durable batch is in flight at a time; whatever arrives meanwhile waits and goes
// into the next batch together. A synced LevelDB write costs about the same for 1 or 100 changes,
// so concurrent writers share the fsync instead of queueing behind one fsync each.

export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface Waiting<T, R> {
  item: T;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Processes a group; returns one outcome per item, in order. Throwing fails the whole group
 * (e.g. the batch could not be written).
 */
export type GroupProcessor<T, R> = (items: T[]) => Promise<Array<Outcome<R>>>;

export class GroupCommitQueue<T, R> {
  private waiting: Array<Waiting<T, R>> = [];
  private draining: Promise<void> | undefined;

  constructor(
    private readonly processGroup: GroupProcessor<T, R>,
    private readonly maxGroupSize: number,
  ) {}

  /** Resolves with the item's outcome once the group holding it has been processed. */
  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      // started on a microtask so that everything submitted in this tick forms the first group
      this.draining ??= Promise.resolve().then(() => this.drain());
    });
  }

  /** Resolves when nothing is waiting or in flight. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting.splice(0, this.maxGroupSize);
        await this.settle(group);
      }
    } finally {
      this.draining = undefined;
    }
  }

  private async settle(group: Array<Waiting<T, R>>): Promise<void> {
    let outcomes: Array<Outcome<R>>;
    try {
      outcomes = await this.processGroup(group.map((waiting) => waiting.item));
    } catch (error) {
      for (const waiting of group) waiting.reject(error);
      return;
    }
    group.forEach((waiting, position) => {
      const outcome = outcomes[position];
      if (!outcome) waiting.reject(new Error('group commit: no outcome for a submitted write'));
      else if (outcome.ok) waiting.resolve(outcome.value);
      else waiting.reject(outcome.error);
    });
  }
}
