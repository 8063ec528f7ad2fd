import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContainerStartError } from './container-runtime.js';
import { ProcessRuntime } from './process-runtime.js';
import { RuntimeFixture, criRecords, eventually, readOr, testPod } from './process-runtime.test-support.js';
import { ContainerStateError } from './runtime-errors.js';

let fixture: RuntimeFixture;
let runtime: ProcessRuntime;
beforeEach(() => {
  fixture = new RuntimeFixture();
  runtime = fixture.runtime();
});
afterEach(() => fixture.cleanUp());

/** Starts a container that runs until the test creates the file `release` in the fixture root. */
function startUntilReleased(exitCode = 0) {
  const script = `echo ready; while [ ! -e release ]; do sleep 0.02; done; exit ${exitCode}`;
  return runtime.start(testPod, fixture.launch(['sh', '-c', script]));
}
const release = () => writeFileSync(join(fixture.root, 'release'), '');

describe('ProcessRuntime: start, logs and exit codes', () => {
  it('runs the command, writes CRI log records and records the exit code', async () => {
    const launch = fixture.launch(['sh', '-c', 'echo hi; echo oops >&2; printf no-newline; exit 3']);
    const id = await runtime.start(testPod, launch);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    const state = await runtime.waitForExit(id);
    expect(state).toMatchObject({ status: 'exited', exitCode: 3 });
    const records = criRecords(launch.logPath);
    expect(records).toContainEqual(['stdout', 'F', 'hi']);
    expect(records).toContainEqual(['stderr', 'F', 'oops']);
    expect(records).toContainEqual(['stdout', 'F', 'no-newline']);
  });

  it('splits lines longer than 16 KiB into partial records', async () => {
    const launch = fixture.launch(['sh', '-c', 'head -c 40000 /dev/zero | tr "\\0" x; echo']);
    await runtime.waitForExit(await runtime.start(testPod, launch));
    const records = criRecords(launch.logPath);
    expect(records.map(([, tag, text]) => [tag, text.length])).toEqual([
      ['P', 16384],
      ['P', 16384],
      ['F', 40000 - 2 * 16384],
    ]);
  });

  it('passes argv, env and workingDir unchanged', async () => {
    const launch = fixture.launch(['sh', '-c', 'echo "$GREETING|$(pwd)|$1"', 'argv0', 'with space'], {
      env: { PATH: '/usr/bin:/bin', GREETING: 'hello $(NOT) expanded' },
    });
    await runtime.waitForExit(await runtime.start(testPod, launch));
    expect(criRecords(launch.logPath)).toEqual([['stdout', 'F', `hello $(NOT) expanded|${fixture.root}|with space`]]);
  });

  it('gives a tty container a terminal and strips the carriage returns from its log', async () => {
    const launch = fixture.launch(['sh', '-c', 'tty; echo line'], { tty: true });
    await runtime.waitForExit(await runtime.start(testPod, launch));
    const messages = criRecords(launch.logPath).map(([stream, , text]) => `${stream}:${text}`);
    expect(messages).toEqual([expect.stringMatching(/^stdout:\/dev\/pts\/\d+$/), 'stdout:line']);
  });

  it('reports a signal as 128+n with the signal name', async () => {
    const id = await runtime.start(testPod, fixture.launch(['sh', '-c', 'kill -USR1 $$']));
    expect(await runtime.waitForExit(id)).toMatchObject({ exitCode: 128 + 10, signal: 'SIGUSR1' });
  });

  it('kills what is left of the process group when the main process exits', async () => {
    const id = await runtime.start(testPod, fixture.launch(['sh', '-c', 'sleep 60 & echo $! > bg.pid']));
    await runtime.waitForExit(id);
    const leftover = Number(readOr(join(fixture.root, 'bg.pid')));
    expect(leftover).toBeGreaterThan(0);
    await eventually(() => !existsSync(`/proc/${leftover}`) || readOr(`/proc/${leftover}/stat`).includes(') Z '));
  });
});

describe('ProcessRuntime: start errors', () => {
  it('rejects a missing executable with the OS message and leaves nothing behind', async () => {
    const start = runtime.start(testPod, fixture.launch(['nosuchcmd']));
    await expect(start).rejects.toThrow(ContainerStartError);
    await expect(start).rejects.toThrow('exec: "nosuchcmd": executable file not found in $PATH');
    expect(await runtime.list()).toEqual([]);
  });

  it('rejects a missing absolute path and a file that is not executable', async () => {
    await expect(runtime.start(testPod, fixture.launch(['/no/such/bin']))).rejects.toThrow(
      'exec: "/no/such/bin": stat /no/such/bin: no such file or directory',
    );
    const plain = join(fixture.root, 'plain.txt');
    writeFileSync(plain, 'not a program');
    await expect(runtime.start(testPod, fixture.launch([plain]))).rejects.toThrow(`exec: "${plain}": permission denied`);
  });

  it('rejects a missing working directory', async () => {
    await expect(runtime.start(testPod, fixture.launch(['true'], { workingDir: '/no/such/dir' }))).rejects.toThrow(
      'chdir to cwd ("/no/such/dir") set in config.json failed: no such file or directory',
    );
  });
});

describe('ProcessRuntime: stop', () => {
  it('sends SIGTERM to the process group and lets a handler finish', async () => {
    const script = `trap 'echo bye; exit 42' TERM; echo ready; while :; do sleep 0.02; done`;
    const launch = fixture.launch(['sh', '-c', script]);
    const id = await runtime.start(testPod, launch);
    await eventually(() => readOr(launch.logPath).includes('ready'));
    await runtime.stop(id, 30);
    expect(await runtime.inspect(id)).toMatchObject({ status: 'exited', exitCode: 42 });
    expect(criRecords(launch.logPath)).toContainEqual(['stdout', 'F', 'bye']);
  });

  it('sends SIGKILL after the grace period when SIGTERM is ignored', async () => {
    const launch = fixture.launch(['sh', '-c', `trap '' TERM; echo ready; while :; do sleep 0.02; done`]);
    const id = await runtime.start(testPod, launch);
    await eventually(() => readOr(launch.logPath).includes('ready'));
    const stopping = Date.now();
    await runtime.stop(id, 1);
    expect(Date.now() - stopping).toBeGreaterThanOrEqual(900); // it was given the grace period
    expect(await runtime.inspect(id)).toMatchObject({ status: 'exited', exitCode: 137, signal: 'SIGKILL' });
  });

  it('refuses to remove a running container, and removes an exited one', async () => {
    const id = await startUntilReleased();
    await expect(runtime.remove(id)).rejects.toThrow(ContainerStateError);
    release();
    await runtime.waitForExit(id);
    await runtime.remove(id);
    expect(await runtime.list()).toEqual([]);
    await runtime.remove(id); // idempotent
  });
});

describe('ProcessRuntime: adoption', () => {
  it('lets a new runtime on the same state dir list a running container and see its exit', async () => {
    const id = await startUntilReleased(7);
    const adopter = fixture.runtime();
    const [summary] = await adopter.list();
    expect(summary).toMatchObject({ id, pod: testPod, containerName: 'main', attempt: 0, state: { status: 'running' } });
    release();
    expect(await adopter.waitForExit(id)).toMatchObject({ status: 'exited', exitCode: 7 });
  });

  it('records exit code 255 and kills the container when its shim died without recording one', async () => {
    const id = await startUntilReleased();
    const running = await runtime.inspect(id);
    const shimPid = Number(readOr(join(fixture.dir(id).path, 'shim.pid')));
    process.kill(shimPid, 'SIGKILL');
    await eventually(() => !existsSync(`/proc/${shimPid}`) || readOr(`/proc/${shimPid}/stat`).includes(') Z '));
    expect(await runtime.waitForExit(id)).toMatchObject({ status: 'exited', exitCode: 255 });
    const pid = running.status === 'running' ? running.pid : 0;
    await eventually(() => !existsSync(`/proc/${pid}`) || readOr(`/proc/${pid}/stat`).includes(') Z '));
  });
});

describe('ProcessRuntime: exec and attach', () => {
  it('runs a command with the container environment and returns its exit code and output', async () => {
    const id = await runtime.start(
      testPod,
      fixture.launch(['sh', '-c', 'while :; do sleep 0.05; done'], { env: { PATH: '/usr/bin:/bin', FOO: 'bar' } }),
    );
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const code = await runtime.exec(id, ['sh', '-c', 'echo "$FOO $(pwd)"; echo err >&2; exit 3'], { stdout, stderr, tty: false });
    expect(code).toBe(3);
    expect(stdout.read()?.toString()).toBe(`bar ${fixture.root}\n`);
    expect(stderr.read()?.toString()).toBe('err\n');
    await expect(runtime.exec(id, ['nosuchcmd'], { tty: false })).rejects.toThrow(
      'exec: "nosuchcmd": executable file not found in $PATH',
    );
    await runtime.stop(id, 1);
  });

  it('execs on a terminal with stdin', async () => {
    const id = await startUntilReleased();
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const chunks: string[] = [];
    stdout.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    const running = runtime.exec(id, ['sh', '-c', 'tty; read answer; echo "got $answer"; exit 5'], { stdin, stdout, tty: true });
    stdin.write('yes\n');
    expect(await running).toBe(5);
    // The terminal echoes "yes" whenever it arrives, possibly before tty prints.
    const output = chunks.join('');
    expect(output).toMatch(/^(yes\r\n)?\/dev\/pts\/\d+\r\n/);
    expect(output).toMatch(/got yes\r\n$/);
    release();
  });

  it('applies terminal resizes to a tty exec', async () => {
    const id = await startUntilReleased();
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const chunks: string[] = [];
    stdout.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    let resize: ((size: { cols: number; rows: number }) => void) | undefined;
    const running = runtime.exec(id, ['sh', '-c', 'read go; stty size'], {
      stdin,
      stdout,
      tty: true,
      onResize: (listener) => (resize = listener),
    });
    (await eventually(() => resize))({ cols: 123, rows: 45 }); // exec subscribes once the command runs
    stdin.write('go\n');
    expect(await running).toBe(0);
    expect(chunks.join('')).toMatch(/45 123\r\n$/);
    release();
  });

  it('attaches to stdin and stdout of a running container', async () => {
    const launch = fixture.launch(['sh', '-c', 'read line; echo "got $line"; exit 4'], { stdin: true });
    const id = await runtime.start(testPod, launch);
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const attached = runtime.attach(id, { stdin, stdout, tty: false });
    stdin.write('hello\n');
    await attached;
    expect(stdout.read()?.toString()).toBe('got hello\n');
    expect(await runtime.waitForExit(id)).toMatchObject({ exitCode: 4 });
    await expect(runtime.attach(id, { tty: false })).rejects.toThrow(ContainerStateError);
  });
});
