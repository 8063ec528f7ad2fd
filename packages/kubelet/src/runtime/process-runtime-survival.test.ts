// The point of the shim: a container outlives the (kubelet) process that started it, and its
// exit code is still recorded.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterEach, expect, it } from 'vitest';
import { RuntimeFixture, readOr } from './process-runtime.test-support.js';

let fixture: RuntimeFixture;
afterEach(() => fixture.cleanUp());

it('keeps the container running after its starter is SIGKILLed and records its exit later', async () => {
  fixture = new RuntimeFixture();
  const childScript = join(fixture.root, 'child.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./start-container-child.test-support.ts', import.meta.url))],
    outfile: childScript,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'error',
  });
  const child = spawn(process.execPath, [childScript, fixture.stateDir, fixture.shimPath, fixture.root], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [firstChunk] = (await once(child.stdout, 'data')) as [Buffer];
    const id = firstChunk.toString().trim();

    child.kill('SIGKILL'); // by the pid of the child we spawned
    await once(child, 'exit');

    const runtime = fixture.runtime();
    const state = await runtime.inspect(id);
    expect(state.status).toBe('running');
    const shimPid = Number(readOr(join(fixture.dir(id).path, 'shim.pid')));
    const shimParent = Number(readOr(`/proc/${shimPid}/stat`).split(') ')[1]?.split(' ')[1]);
    expect(shimParent).not.toBe(child.pid); // daemonized: the starter was never its parent

    writeFileSync(join(fixture.root, 'release'), '');
    expect(await runtime.waitForExit(id)).toMatchObject({ status: 'exited', exitCode: 9 });
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});
