// Kubernetes' slowStartBatch (pkg/controller/replicaset/replica_set.go): run `count` calls in
// batches of 1, 2, 4, ... concurrent calls, stopping after the first batch with a failure. A
// template that cannot be created (quota, admission, a bad spec) then costs one failed call
// instead of hundreds, while a healthy one ramps up to full speed within a few round trips.

/** Upstream's SlowStartInitialBatchSize. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

export interface SlowStartResult {
  /** calls that succeeded */
  successes: number;
  /** the first error of the failing batch, if any */
  error?: unknown;
}

export async function slowStartBatch(count: number, initialBatchSize: number, fn: () => Promise<void>): Promise<SlowStartResult> {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: batch }, () => fn()));
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    successes += batch - failures.length;
    if (failures.length > 0) return { successes, error: failures[0]!.reason };
    remaining -= batch;
  }
  return { successes };
}
