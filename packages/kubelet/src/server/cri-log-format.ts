// The CRI container log format the runtime writes, one record per line:
//   2026-11-22T20:00:00.123456789Z stdout F the message
// F = a full line, P = a partial one continued by the next record of the same stream. Partial
// records are joined back into the line the container wrote.

export interface CriRecord {
  /** RFC3339Nano as written */
  timestamp: string;
  /** milliseconds since the epoch, for since filters */
  time: number;
  stream: string;
  partial: boolean;
  content: Buffer;
}

export interface LogLine {
  timestamp: string;
  time: number;
  stream: string;
  /** with its trailing newline, unless the container never finished the line */
  content: Buffer;
}

const SPACE = 0x20;

/** Undefined for a line that is not a CRI record (never written by our runtimes; skipped). */
export function parseCriRecord(line: Buffer): CriRecord | undefined {
  const first = line.indexOf(SPACE);
  const second = first < 0 ? -1 : line.indexOf(SPACE, first + 1);
  if (second < 0) return undefined;
  const third = line.indexOf(SPACE, second + 1);
  const tagEnd = third < 0 ? line.length : third;
  const timestamp = line.toString('latin1', 0, first);
  const time = Date.parse(timestamp);
  if (Number.isNaN(time)) return undefined;
  const tag = line.toString('latin1', second + 1, tagEnd);
  return {
    timestamp,
    time,
    stream: line.toString('latin1', first + 1, second),
    // The tag may carry more flags after ':'; only P/F matters here.
    partial: tag.split(':')[0] === 'P',
    content: third < 0 ? Buffer.alloc(0) : line.subarray(third + 1),
  };
}

/** Joins partial records per stream; the joined line keeps the first segment's timestamp. */
export class LineJoiner {
  private readonly pending = new Map<string, { first: CriRecord; parts: Buffer[] }>();

  push(record: CriRecord): LogLine | undefined {
    const open = this.pending.get(record.stream);
    if (record.partial) {
      if (open) open.parts.push(record.content);
      else this.pending.set(record.stream, { first: record, parts: [record.content] });
      return undefined;
    }
    this.pending.delete(record.stream);
    const first = open?.first ?? record;
    const parts = open ? [...open.parts, record.content] : [record.content];
    return { timestamp: first.timestamp, time: first.time, stream: record.stream, content: Buffer.concat([...parts, Buffer.from('\n')]) };
  }

  /** Lines the container left unfinished (it exited, or a non-follow read reached the end). */
  flush(): LogLine[] {
    const lines = [...this.pending.values()].map(({ first, parts }) => ({
      timestamp: first.timestamp,
      time: first.time,
      stream: first.stream,
      content: Buffer.concat(parts),
    }));
    this.pending.clear();
    return lines;
  }
}

/** What `kubectl logs` shows for one line: the text, or `<RFC3339Nano> text` with --timestamps. */
export function formatLogLine(line: LogLine, timestamps: boolean): Buffer {
  return timestamps ? Buffer.concat([Buffer.from(`${line.timestamp} `, 'latin1'), line.content]) : line.content;
}

/** Splits a chunk into complete lines; returns the unterminated remainder separately. */
export function splitLines(chunk: Buffer): { lines: Buffer[]; rest: Buffer } {
  const lines: Buffer[] = [];
  let start = 0;
  for (let nl = chunk.indexOf(0x0a, start); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
    lines.push(chunk.subarray(start, nl));
    start = nl + 1;
  }
  return { lines, rest: chunk.subarray(start) };
}
