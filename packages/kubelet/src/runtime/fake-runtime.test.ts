import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ContainerStartError, type ContainerLaunch } from './container-runtime.js';
import { FakeRuntime } from './fake-runtime.js';
import { ContainerNotFoundError, ContainerStateError } from './runtime-errors.js';

const pod = { uid: 'u', namespace: 'default', name: 'p' };
const launch = (name = 'app'): ContainerLaunch => ({
  name,
  argv: ['sleep', '1'],
  env: {},
  stdin: false,
  tty: false,
  attempt: 0,
  logPath: `/logs/${name}.log`,
});

describe('FakeRuntime', () => {
  it('starts containers with deterministic ids and times, and records the calls', async () => {
    const runtime = new FakeRuntime();
    const first = await runtime.start(pod, launch('a'));
    const second = await runtime.start(pod, launch('b'));
    expect([first, second]).toEqual(['000000000001', '000000000002']);
    expect(await runtime.inspect(first)).toEqual({ status: 'running', pid: 1001, startedAt: '2026-01-01T00:00:01.000Z' });
    expect(runtime.calls.map((c) => c.method)).toEqual(['start', 'start']);
    expect((await runtime.list()).map((s) => s.containerName)).toEqual(['a', 'b']);
  });

  it('records the pod context and cgroup limits of a start for tests to assert', async () => {
    const runtime = new FakeRuntime();
    const sandbox = { netnsPath: '/run/netns/p', hostname: 'p', mounts: [{ source: '/v/data', target: '/data', readOnly: true }], maskPaths: ['/var/lib/kctl'] };
    const limits = { memoryLimitBytes: 1 << 20, cpuQuotaMicros: 50_000, cpuShares: 512, pidsLimit: 100 };
    const id = await runtime.start(pod, { ...launch(), sandbox, ...limits });
    expect(runtime.container(id).launch).toMatchObject({ sandbox, ...limits });
    expect(runtime.calls[0]).toMatchObject({ method: 'start', container: { sandbox, ...limits } });
  });

  it('fails the next start once with the queued message', async () => {
    const runtime = new FakeRuntime();
    runtime.failNextStart('exec: "x": executable file not found in $PATH');
    const failed = runtime.start(pod, launch());
    await expect(failed).rejects.toBeInstanceOf(ContainerStartError);
    await expect(failed).rejects.toThrow('executable file not found');
    await expect(runtime.start(pod, launch())).resolves.toBe('000000000001');
  });

  it('wakes waitForExit when the test ends a container', async () => {
    const runtime = new FakeRuntime();
    const id = await runtime.start(pod, launch());
    const exited = runtime.waitForExit(id);
    runtime.exitContainer(id, 3);
    expect(await exited).toMatchObject({ status: 'exited', exitCode: 3 });
    expect(() => runtime.exitContainer(id, 1)).toThrow(ContainerStateError);
  });

  it('stops with SIGTERM (143), or SIGKILL (137) when told the container ignores SIGTERM', async () => {
    const runtime = new FakeRuntime();
    const polite = await runtime.start(pod, launch('polite'));
    const stubborn = await runtime.start(pod, launch('stubborn'));
    runtime.ignoreSigterm(stubborn);
    await runtime.stop(polite, 30);
    await runtime.stop(stubborn, 30);
    expect(await runtime.inspect(polite)).toMatchObject({ exitCode: 143, signal: 'SIGTERM' });
    expect(await runtime.inspect(stubborn)).toMatchObject({ exitCode: 137, signal: 'SIGKILL' });
    expect(runtime.calls).toContainEqual({ method: 'stop', id: stubborn, gracePeriodSeconds: 30 });
  });

  it('refuses to remove a running container and forgets a removed one', async () => {
    const runtime = new FakeRuntime();
    const id = await runtime.start(pod, launch());
    await expect(runtime.remove(id)).rejects.toBeInstanceOf(ContainerStateError);
    runtime.exitContainer(id, 0);
    await runtime.remove(id);
    await expect(runtime.inspect(id)).rejects.toBeInstanceOf(ContainerNotFoundError);
  });

  it('runs exec through the test handler, only in running containers', async () => {
    const runtime = new FakeRuntime({
      exec: (container, argv, io) => {
        io.stdout?.write(`${container.launch.name}:${argv.join(' ')}`);
        return 7;
      },
    });
    const id = await runtime.start(pod, launch());
    const stdout = new PassThrough();
    expect(await runtime.exec(id, ['ls', '-l'], { stdout, tty: false })).toBe(7);
    expect(stdout.read()?.toString()).toBe('app:ls -l');
    runtime.exitContainer(id, 0);
    await expect(runtime.exec(id, ['ls'], { tty: false })).rejects.toBeInstanceOf(ContainerStateError);
  });

  it('aborts waitForExit with the signal', async () => {
    const runtime = new FakeRuntime();
    const id = await runtime.start(pod, launch());
    const controller = new AbortController();
    const waiting = runtime.waitForExit(id, controller.signal);
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
  });
});
