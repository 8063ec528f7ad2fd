import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createVolumeDirectory, isInsideRoot, removeVolumeDirectory, volumeDirectory } from './local-path-directory.js';

let scratch: string;
let root: string;

beforeEach(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'kctl-local-path-'));
  root = path.join(scratch, 'root');
  await mkdir(root);
});

afterEach(() => rm(scratch, { recursive: true, force: true }));

describe('local-path directories', () => {
  it('are named like k3s names them and created world-writable', async () => {
    const dir = volumeDirectory(root, 'abc-123', 'prod', 'data');
    expect(dir).toBe(path.join(root, 'pvc-abc-123_prod_data'));
    await createVolumeDirectory(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o777);
    await writeFile(path.join(dir, 'file'), 'x');
    await removeVolumeDirectory(root, dir);
    expect(existsSync(dir)).toBe(false);
  });

  it('are only ever deleted directly inside the root', async () => {
    const outside = path.join(scratch, 'pvc-outside');
    await mkdir(outside);
    expect(await isInsideRoot(root, outside)).toBe(false);
    expect(await isInsideRoot(root, root)).toBe(false);
    expect(await isInsideRoot(root, path.join(root, 'not-a-volume'))).toBe(false);
    expect(await isInsideRoot(root, path.join(root, 'pvc-x', '..', '..', 'pvc-outside'))).toBe(false);
    await expect(removeVolumeDirectory(root, outside)).rejects.toThrow(/refusing to delete/);
    expect(existsSync(outside)).toBe(true);
    // A symlink inside the root is unlinked; its target survives.
    const link = path.join(root, 'pvc-link');
    await symlink(outside, link);
    await removeVolumeDirectory(root, link);
    expect(existsSync(link)).toBe(false);
    expect(existsSync(outside)).toBe(true);
  });
});
