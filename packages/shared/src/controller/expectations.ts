// Kubernetes' ControllerExpectations (pkg/controller/controller_utils.go), with the UID tracking of
// UIDTrackingControllerExpectations folded in. A controller that just asked the API for n creations
// (or for deleting some pods) must not act on its informer cache again until the watch has shown
// it those changes: the cache lags behind the writes, and acting on it would create or delete
// twice. Expectations are in-memory only: a restarted controller starts with none and trusts its
// freshly listed cache. They expire after 5 minutes (upstream's ExpectationsTimeout), so a watch
// event that never comes (a pod created and deleted before the watch saw it) cannot wedge a
// controller forever.

/** Upstream's ExpectationsTimeout. */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

interface Expectation {
  /** creations still to be seen */
  add: number;
  /** identities (pod UIDs) whose deletion is still to be seen */
  deletions: Set<string>;
  /** when the expectations were last set: they expire EXPECTATIONS_TIMEOUT_MS later */
  setAt: number;
}

export interface ControllerExpectationsOptions {
  clock?: () => number;
  timeoutMs?: number;
}

export class ControllerExpectations {
  private readonly entries = new Map<string, Expectation>();
  private readonly clock: () => number;
  private readonly timeoutMs: number;

  constructor(opts: ControllerExpectationsOptions = {}) {
    this.clock = opts.clock ?? Date.now;
    this.timeoutMs = opts.timeoutMs ?? EXPECTATIONS_TIMEOUT_MS;
  }

  /** The controller `key` is about to create n objects (replaces earlier expectations, as upstream). */
  expectCreations(key: string, n: number): void {
    this.entries.set(key, { add: n, deletions: new Set(), setAt: this.clock() });
  }

  /** The controller `key` is about to delete these objects (identified by UID). */
  expectDeletions(key: string, uids: string[]): void {
    this.entries.set(key, { add: 0, deletions: new Set(uids), setAt: this.clock() });
  }

  /** The watch showed one creation, or a creation failed / was skipped and will never be seen. */
  creationObserved(key: string): void {
    const entry = this.entries.get(key);
    if (entry && entry.add > 0) entry.add--;
  }

  /** Lowers the creations still expected by n at once (upstream's LowerExpectations for skipped creates). */
  creationsObserved(key: string, n: number): void {
    const entry = this.entries.get(key);
    if (entry) entry.add = Math.max(0, entry.add - n);
  }

  /** The watch showed the object gone or terminating, or its deletion failed. Unknown UIDs are ignored. */
  deletionObserved(key: string, uid: string): void {
    this.entries.get(key)?.deletions.delete(uid);
  }

  /** True when the controller may trust its cache: nothing pending, nothing recorded, or expired. */
  satisfied(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return true;
    if (entry.add <= 0 && entry.deletions.size === 0) return true;
    return this.clock() - entry.setAt > this.timeoutMs;
  }

  /** What is still outstanding (for logs and tests). */
  pending(key: string): { add: number; deletions: string[] } | undefined {
    const entry = this.entries.get(key);
    return entry ? { add: entry.add, deletions: [...entry.deletions] } : undefined;
  }

  /** The controller was deleted: forget its expectations. */
  delete(key: string): void {
    this.entries.delete(key);
  }
}
