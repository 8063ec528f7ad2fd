// Reads a newline-delimited JSON watch stream (one {type, object} per line).
import type { Readable } from 'node:stream';
import type { WatchEvent } from '../api/object-types.js';

export async function* readWatchEvents<T>(stream: Readable, signal?: AbortSignal): AsyncGenerator<WatchEvent<T>> {
  let buffered = '';
  const onAbort = () => stream.destroy();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const chunk of stream) {
      buffered += (chunk as Buffer).toString('utf8');
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line) yield JSON.parse(line) as WatchEvent<T>;
      }
    }
    const rest = buffered.trim();
    if (rest) yield JSON.parse(rest) as WatchEvent<T>;
  } catch (err) {
    // An aborted or reset stream simply ends the watch; the caller decides whether to re-watch.
    if (!signal?.aborted && !isStreamReset(err)) throw err;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

function isStreamReset(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException)?.code;
  return code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || (err as Error)?.name === 'AbortError';
}
