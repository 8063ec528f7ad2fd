// Waiting for something to change in a state dir: inotify (fs.watch) makes a recorded exit
// visible at once; the poll interval is the fallback for what inotify cannot report (a shim that
// died without writing `exit`) and for file systems without it.
import { watch, type FSWatcher } from 'node:fs';

export class StateDirWatcher {
  private changed = false;
  private wake: (() => void) | undefined;
  private readonly watcher: FSWatcher | undefined;

  /** Watches from now on, so a change between the caller's read and next() is not lost. */
  constructor(
    dir: string,
    private readonly pollIntervalMs: number,
  ) {
    try {
      this.watcher = watch(dir, { persistent: false }, () => this.notify());
      this.watcher.on('error', () => this.notify()); // the dir went away: the caller re-reads
    } catch {
      // No inotify here, or the dir is already gone: polling alone will do.
    }
  }

  /** Resolves at the next change (or one that happened since the last call), or after the poll interval. */
  async next(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (!this.changed) {
      await new Promise<void>((resolve, reject) => {
        const finish = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          this.wake = undefined;
        };
        const onAbort = () => {
          finish();
          reject(signal?.reason);
        };
        const timer = setTimeout(() => {
          finish();
          resolve();
        }, this.pollIntervalMs);
        this.wake = () => {
          finish();
          resolve();
        };
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
    this.changed = false;
  }

  close(): void {
    this.watcher?.close();
    this.wake?.();
  }

  private notify(): void {
    this.changed = true;
    this.wake?.();
  }
}
