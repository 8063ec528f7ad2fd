import { describe, expect, it } from 'vitest';
import { formatLogLine, LineJoiner, parseCriRecord, splitLines } from './cri-log-format.js';

const record = (line: string) => parseCriRecord(Buffer.from(line));

describe('CRI log records', () => {
  it('parses timestamp, stream, tag and keeps the message verbatim (spaces included)', () => {
    const r = record('2026-11-22T20:00:00.123456789Z stderr F a  b c');
    expect(r).toMatchObject({ timestamp: '2026-11-22T20:00:00.123456789Z', stream: 'stderr', partial: false });
    expect(r?.content.toString()).toBe('a  b c');
    expect(r?.time).toBe(Date.parse('2026-11-22T20:00:00.123Z'));
  });

  it('skips lines that are not records', () => {
    expect(record('garbage')).toBeUndefined();
    expect(record('notatime stdout F x')).toBeUndefined();
  });

  it('joins partial records of a stream under the first timestamp', () => {
    const joiner = new LineJoiner();
    expect(joiner.push(record('2026-01-01T00:00:01.000000000Z stdout P hel')!)).toBeUndefined();
    const err = joiner.push(record('2026-01-01T00:00:02.000000000Z stderr F oops')!);
    const out = joiner.push(record('2026-01-01T00:00:03.000000000Z stdout F lo')!);
    expect(err?.content.toString()).toBe('oops\n');
    expect(out).toMatchObject({ timestamp: '2026-01-01T00:00:01.000000000Z', stream: 'stdout' });
    expect(out?.content.toString()).toBe('hello\n');
  });

  it('flushes an unfinished line without a newline', () => {
    const joiner = new LineJoiner();
    joiner.push(record('2026-01-01T00:00:01.000000000Z stdout P prompt> ')!);
    expect(joiner.flush().map((l) => l.content.toString())).toEqual(['prompt> ']);
    expect(joiner.flush()).toEqual([]);
  });

  it('prefixes the timestamp only when asked', () => {
    const line = { timestamp: '2026-01-01T00:00:01.000000000Z', time: 0, stream: 'stdout', content: Buffer.from('x\n') };
    expect(formatLogLine(line, false).toString()).toBe('x\n');
    expect(formatLogLine(line, true).toString()).toBe('2026-01-01T00:00:01.000000000Z x\n');
  });

  it('splits complete lines from an unterminated rest', () => {
    const { lines, rest } = splitLines(Buffer.from('a\nb\nc'));
    expect(lines.map(String)).toEqual(['a', 'b']);
    expect(rest.toString()).toBe('c');
  });
});
