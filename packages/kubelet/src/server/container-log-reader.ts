// Reads a container's CRI log file as `kubectl logs` shows it: tail first, then the since filter
// (the kubelet's order), timestamps on request, and with follow the lines written afterwards
// until the container exits. limitBytes is applied by the caller on the produced bytes.
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { formatLogLine, LineJoiner, parseCriRecord, splitLines } from './cri-log-format.js';
import type { LogLine } from './cri-log-format.js';
import type { LogQuery } from './log-query.js';
import { watchFileGrowth } from './file-growth.js';

export interface FollowControl {
  /** settles when the container has exited: the follower drains the file and ends */
  exited: Promise<unknown>;
  signal?: AbortSignal;
}

/** Incremental reader: returns the complete lines added since the previous call. */
class LogFileCursor {
  private position = 0;
  private rest: Buffer = Buffer.alloc(0);
  readonly joiner = new LineJoiner();

  constructor(private readonly path: string) {}

  async readNew(): Promise<LogLine[]> {
    let handle: FileHandle;
    try {
      handle = await open(this.path, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    try {
      const { size } = await handle.stat();
      // A file smaller than our position was replaced (a new instance or a rotation): start over.
      if (size < this.position) {
        this.position = 0;
        this.rest = Buffer.alloc(0);
      }
      if (size === this.position) return [];
      const chunk = Buffer.alloc(size - this.position);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, this.position);
      this.position += bytesRead;
      const { lines, rest } = splitLines(Buffer.concat([this.rest, chunk.subarray(0, bytesRead)]));
      this.rest = rest;
      const out: LogLine[] = [];
      for (const raw of lines) {
        const record = parseCriRecord(raw);
        const line = record && this.joiner.push(record);
        if (line) out.push(line);
      }
      return out;
    } finally {
      await handle.close();
    }
  }
}

function selected(line: LogLine, query: LogQuery): boolean {
  return query.sinceTime === undefined || line.time >= query.sinceTime;
}

export async function* readContainerLog(path: string, query: LogQuery, follow?: FollowControl): AsyncGenerator<Buffer> {
  const cursor = new LogFileCursor(path);
  let exited = !follow;
  void follow?.exited.then(
    () => (exited = true),
    () => (exited = true),
  );
  const growth = follow ? watchFileGrowth(path) : undefined;
  try {
    let lines = await cursor.readNew();
    if (query.tailLines !== undefined) lines = query.tailLines === 0 ? [] : lines.slice(-query.tailLines);
    for (const line of lines) if (selected(line, query)) yield formatLogLine(line, query.timestamps);
    // One promise for "stop waiting", made once: a new reaction per wake-up would pile up.
    const stop = follow ? Promise.race([follow.exited.catch(() => undefined), abortOf(follow.signal)]) : undefined;
    while (follow && !exited && !follow.signal?.aborted) {
      await Promise.race([growth?.next(), stop]);
      for (const line of await cursor.readNew()) if (selected(line, query)) yield formatLogLine(line, query.timestamps);
    }
    if (follow && !follow.signal?.aborted) {
      // The runtime may flush the last lines as the process ends: one final read after the exit.
      for (const line of await cursor.readNew()) if (selected(line, query)) yield formatLogLine(line, query.timestamps);
    }
    for (const line of cursor.joiner.flush()) if (selected(line, query)) yield formatLogLine(line, query.timestamps);
  } finally {
    growth?.close();
  }
}

function abortOf(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return new Promise(() => undefined);
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** Cuts the stream after `limit` bytes (mid-line if need be), as the kubelet's LimitWriter does. */
export async function* limitBytes(source: AsyncGenerator<Buffer>, limit: number | undefined): AsyncGenerator<Buffer> {
  if (limit === undefined) return yield* source;
  let remaining = limit;
  for await (const chunk of source) {
    if (chunk.length >= remaining) {
      yield chunk.subarray(0, remaining);
      await source.return(undefined);
      return;
    }
    remaining -= chunk.length;
    yield chunk;
  }
}
