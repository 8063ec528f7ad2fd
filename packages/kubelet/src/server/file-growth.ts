// Wakes a log follower when its file may have grown. fs.watch is prompt but can miss events
// (some filesystems, a file created after the watch), so a slow poll backs it up.
import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';

const POLL_MS = 500;

export interface FileGrowth {
  /** Resolves at the next change notice (or poll tick). */
  next(): Promise<void>;
  close(): void;
}

export function watchFileGrowth(path: string): FileGrowth {
  let wake: (() => void) | undefined;
  let signalled = false;
  const notify = () => {
    signalled = true;
    wake?.();
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(path, { persistent: false }, notify);
    watcher.on('error', () => undefined);
  } catch {
    // missing file: the poll finds it once it appears
  }
  const poll = setInterval(notify, POLL_MS);
  poll.unref();
  return {
    next() {
      if (signalled) {
        signalled = false;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        wake = () => {
          wake = undefined;
          signalled = false;
          resolve();
        };
      });
    },
    close() {
      clearInterval(poll);
      watcher?.close();
      wake?.();
    },
  };
}
