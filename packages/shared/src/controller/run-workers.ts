// The controller loop of sample-controller: n workers take keys, reconcile, and forget the key on
// success or requeue it with back-off on failure.
import type { WorkQueue } from './work-queue.js';

export interface ReconcileResult {
  /** reconcile again after this many ms even though nothing changed */
  requeueAfter?: number;
}

export type Reconcile<K> = (key: K) => Promise<ReconcileResult | void>;

export interface RunWorkersOptions<K> {
  /** a failed reconcile (it is retried with back-off); default console.error */
  onError?: (key: K, err: unknown) => void;
}

/** Runs n workers until the queue is shut down and drained. */
export async function runWorkers<K>(queue: WorkQueue<K>, n: number, reconcile: Reconcile<K>, opts: RunWorkersOptions<K> = {}): Promise<void> {
  const onError = opts.onError ?? ((key: K, err: unknown) => console.error(`reconcile ${String(key)} failed`, err));
  const worker = async (): Promise<void> => {
    for (;;) {
      const key = await queue.get();
      if (key === undefined) return;
      try {
        const result = await reconcile(key);
        queue.forget(key);
        if (result?.requeueAfter !== undefined) queue.addAfter(key, result.requeueAfter);
      } catch (err) {
        onError(key, err);
        queue.addRateLimited(key);
      } finally {
        queue.done(key);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, n) }, worker));
}
