import { lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeAtomically } from './atomic-writer.js';
import type { Payload } from './atomic-writer.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubelet-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function payload(files: Record<string, string | [string, number]>): Payload {
  return new Map(Object.entries(files).map(([path, v]) => [path, typeof v === 'string' ? { data: Buffer.from(v), mode: 0o644 } : { data: Buffer.from(v[0]), mode: v[1] }]));
}

const timestamped = () => readdirSync(dir).filter((n) => /^\.\.\d{4}_\d{2}_\d{2}_\d{2}_\d{2}_\d{2}\.\d+$/.test(n));

describe('writeAtomically (Kubernetes AtomicWriter layout)', () => {
  it('writes files into a timestamped dir behind ..data, with key -> ..data/key links', async () => {
    expect(await writeAtomically(dir, payload({ a: 'one', 'nested/b': ['two', 0o400] }), new Date(Date.UTC(2026, 10, 22, 22, 30, 0)))).toBe(true);
    const [ts] = timestamped();
    expect(ts).toMatch(/^\.\.2026_11_22_22_30_00\.\d+$/);
    expect(readlinkSync(join(dir, '..data'))).toBe(ts);
    expect(readlinkSync(join(dir, 'a'))).toBe('..data/a');
    expect(readlinkSync(join(dir, 'nested'))).toBe('..data/nested');
    expect(readFileSync(join(dir, 'nested/b'), 'utf8')).toBe('two');
    expect(statSync(join(dir, 'nested/b')).mode & 0o777).toBe(0o400);
    expect(statSync(join(dir, ts!)).mode & 0o777).toBe(0o755);
    expect(readdirSync(dir).sort()).toEqual(['..data', ts, 'a', 'nested'].sort());
  });

  it('swaps the whole set on update: a reader of the directory sees the new files, the old dir is gone', async () => {
    await writeAtomically(dir, payload({ a: 'one', gone: 'x' }));
    const [first] = timestamped();
    const reader = join(dir, 'a'); // what a container bind-mounting the volume dir opens
    expect(readFileSync(reader, 'utf8')).toBe('one');
    expect(await writeAtomically(dir, payload({ a: 'uno', c: 'new' }))).toBe(true);
    expect(readFileSync(reader, 'utf8')).toBe('uno');
    expect(readFileSync(join(dir, 'c'), 'utf8')).toBe('new');
    expect(() => lstatSync(join(dir, 'gone'))).toThrow();
    expect(timestamped()).toHaveLength(1);
    expect(timestamped()[0]).not.toBe(first);
    expect(readdirSync(dir)).not.toContain('..data_tmp');
  });

  it('leaves everything alone when nothing changed, and rewrites on a mode change', async () => {
    await writeAtomically(dir, payload({ a: 'one' }));
    const [first] = timestamped();
    expect(await writeAtomically(dir, payload({ a: 'one' }))).toBe(false);
    expect(timestamped()).toEqual([first]);
    expect(await writeAtomically(dir, payload({ a: ['one', 0o600] }))).toBe(true);
    expect(statSync(join(dir, 'a')).mode & 0o777).toBe(0o600);
  });

  it('writes an empty payload (an optional source that is missing) as an empty ..data', async () => {
    await writeAtomically(dir, new Map());
    expect(readdirSync(dir).filter((n) => !n.startsWith('..'))).toEqual([]);
    expect(readdirSync(join(dir, '..data'))).toEqual([]);
  });

  it('refuses paths that leave the volume', async () => {
    await expect(writeAtomically(dir, payload({ '/etc/x': 'x' }))).rejects.toThrow('invalid path: must be relative path: /etc/x');
    await expect(writeAtomically(dir, payload({ 'a/../../x': 'x' }))).rejects.toThrow("invalid path: must not contain '..': a/../../x");
    await expect(writeAtomically(dir, payload({ '..x': 'x' }))).rejects.toThrow("invalid path: must not start with '..': ..x");
  });
});
