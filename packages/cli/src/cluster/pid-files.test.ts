import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimPidFile, readPidFile, removePidFile, writePidFile } from './pid-files.js';

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kctl-pid-'));
  file = join(dir, 'supervisor.pid');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('pid files', () => {
  it('reads back what was written, and nothing from garbage', () => {
    expect(readPidFile(file)).toBeUndefined();
    writePidFile(file, 4242);
    expect(readPidFile(file)).toBe(4242);
    writeFileSync(file, 'not a pid');
    expect(readPidFile(file)).toBeUndefined();
  });

  it('only removes a file that still names the given pid', () => {
    writePidFile(file, 1);
    removePidFile(file, 2);
    expect(existsSync(file)).toBe(true);
    removePidFile(file, 1);
    expect(existsSync(file)).toBe(false);
  });

  it('claims a free file, refuses a live holder, and takes over from a dead one', () => {
    expect(claimPidFile(file, 100, () => true)).toEqual({ claimed: true });
    expect(claimPidFile(file, 200, (holder) => holder === 100)).toEqual({ claimed: false, holder: 100 });
    expect(readPidFile(file)).toBe(100);
    expect(claimPidFile(file, 200, () => false)).toEqual({ claimed: true });
    expect(readPidFile(file)).toBe(200);
  });
});
