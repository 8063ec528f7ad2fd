import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { limitBytes, readContainerLog } from './container-log-reader.js';
import type { LogQuery } from './log-query.js';
import { parseLogQuery } from './log-query.js';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kctl-logs-'));
  path = join(dir, '0.log');
  writeFileSync(
    path,
    [
      '2026-01-01T00:00:01.000000000Z stdout F one',
      '2026-01-01T00:00:02.000000000Z stderr F two',
      '2026-01-01T00:00:03.000000000Z stdout P thr',
      '2026-01-01T00:00:03.500000000Z stdout F ee',
      '2026-01-01T00:00:04.000000000Z stdout F four',
      '',
    ].join('\n'),
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const base: LogQuery = { follow: false, previous: false, timestamps: false };

async function collect(gen: AsyncGenerator<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of gen) chunks.push(chunk);
  return Buffer.concat(chunks).toString();
}

describe('readContainerLog', () => {
  it('returns every line, both streams, partial lines joined', async () => {
    expect(await collect(readContainerLog(path, base))).toBe('one\ntwo\nthree\nfour\n');
  });

  it('applies tailLines to whole lines', async () => {
    expect(await collect(readContainerLog(path, { ...base, tailLines: 2 }))).toBe('three\nfour\n');
    expect(await collect(readContainerLog(path, { ...base, tailLines: 0 }))).toBe('');
  });

  it('skips lines older than sinceTime', async () => {
    expect(await collect(readContainerLog(path, { ...base, sinceTime: Date.parse('2026-01-01T00:00:02Z') }))).toBe('two\nthree\nfour\n');
  });

  it('prefixes timestamps', async () => {
    expect(await collect(readContainerLog(path, { ...base, tailLines: 1, timestamps: true }))).toBe('2026-01-01T00:00:04.000000000Z four\n');
  });

  it('cuts the output after limitBytes, mid-line', async () => {
    expect(await collect(limitBytes(readContainerLog(path, base), 6))).toBe('one\ntw');
  });

  it('reads nothing from a log that does not exist yet', async () => {
    expect(await collect(readContainerLog(join(dir, 'missing.log'), base))).toBe('');
  });

  it('follows new lines and ends when the container exits', async () => {
    let exit!: () => void;
    const exited = new Promise<void>((resolve) => (exit = resolve));
    const reader = readContainerLog(path, { ...base, tailLines: 1 }, { exited });
    expect((await reader.next()).value?.toString()).toBe('four\n');
    const next = reader.next();
    appendFileSync(path, '2026-01-01T00:00:05.000000000Z stdout F five\n');
    expect((await next).value?.toString()).toBe('five\n');
    const rest = collect(reader);
    appendFileSync(path, '2026-01-01T00:00:06.000000000Z stdout F last words\n');
    exit();
    expect(await rest).toBe('last words\n');
  });

  it('stops following when aborted', async () => {
    const abort = new AbortController();
    const reader = readContainerLog(path, { ...base, tailLines: 0 }, { exited: new Promise(() => undefined), signal: abort.signal });
    const done = collect(reader);
    abort.abort();
    expect(await done).toBe('');
  });
});

describe('parseLogQuery', () => {
  it('reads the PodLogOptions parameters', () => {
    const q = parseLogQuery(new URLSearchParams('follow=true&tailLines=5&timestamps=1&limitBytes=10&sinceSeconds=60'), () => 100_000);
    expect(q).toEqual({ follow: true, previous: false, timestamps: true, tailLines: 5, limitBytes: 10, sinceTime: 40_000 });
  });

  it('rejects both since forms and bad numbers', () => {
    expect(() => parseLogQuery(new URLSearchParams('sinceSeconds=1&sinceTime=2026-01-01T00:00:00Z'))).toThrow(/at most one of sinceTime or sinceSeconds/);
    expect(() => parseLogQuery(new URLSearchParams('tailLines=x'))).toThrow(/tailLines/);
    expect(() => parseLogQuery(new URLSearchParams('limitBytes=0'))).toThrow(/limitBytes/);
  });
});
