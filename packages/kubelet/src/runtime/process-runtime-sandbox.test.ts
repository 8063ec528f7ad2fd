// Containers inside their Pod's context (real shims, real namespaces; root only): the pod's
// network namespace shared by two containers, a copy-on-write root with volumes, masks and an
// own hostname, exec joining all of it — and the host left exactly as it was.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContainerStartError, type PodSandboxContext } from './container-runtime.js';
import type { ProcessRuntime } from './process-runtime.js';
import { RuntimeFixture, criRecords, eventually, testPod } from './process-runtime.test-support.js';

const canIsolate = process.getuid?.() === 0 && existsSync('/usr/sbin/ip') && existsSync('/proc/self/ns/net');

let fixture: RuntimeFixture;
let runtime: ProcessRuntime;
let netns: string | undefined;
beforeEach(() => {
  fixture = new RuntimeFixture();
  runtime = fixture.runtime();
  netns = undefined;
});
afterEach(async () => {
  await fixture.cleanUp();
  if (netns) execFileSync('ip', ['netns', 'del', netns]);
});

/** A network namespace of the test's own, with lo up and ADDRESS on a veth inside it (no dummy module here). */
function createNetns(address: string): string {
  netns = `kctltest-${Math.random().toString(36).slice(2, 8)}`;
  execFileSync('ip', ['netns', 'add', netns]);
  execFileSync('ip', ['-n', netns, 'link', 'set', 'lo', 'up']);
  execFileSync('ip', ['-n', netns, 'link', 'add', 'pod0', 'type', 'veth', 'peer', 'name', 'peer0']);
  execFileSync('ip', ['-n', netns, 'addr', 'add', `${address}/32`, 'dev', 'pod0']);
  execFileSync('ip', ['-n', netns, 'link', 'set', 'pod0', 'up']);
  return `/run/netns/${netns}`;
}

function logLines(logPath: string): string[] {
  return criRecords(logPath).map(([, , text]) => text);
}

async function execOutput(id: string, argv: string[], tty = false): Promise<{ code: number; output: string }> {
  const stdout = new PassThrough();
  let output = '';
  stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await runtime.exec(id, argv, { stdout, stderr: stdout, tty });
  return { code, output };
}

/** Whether something on the HOST's loopback accepts connections on PORT. */
function hostListens(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

describe.skipIf(!canIsolate)('ProcessRuntime: the pod network namespace', () => {
  it('lets two containers of a pod talk over localhost and share one IP, out of the host’s reach', async () => {
    const netnsPath = createNetns('10.254.77.2');
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const sandbox: PodSandboxContext = { netnsPath, hostname: testPod.name, mounts: [] };
    const printAddress = `ip -o -4 addr show dev pod0 | awk '{print $4}'; readlink /proc/self/ns/net`;
    const serverScript = `require('http').createServer((q, s) => s.end('pong')).listen(${port}, '127.0.0.1', () => console.log('listening'))`;
    const server = fixture.launch(['sh', '-c', `${printAddress}; exec node -e "${serverScript}"`], { sandbox, workingDir: '/' });
    const serverId = await runtime.start(testPod, server);
    await eventually(() => logLines(server.logPath).includes('listening'));

    const clientScript = `fetch('http://localhost:${port}/').then((r) => r.text()).then((t) => console.log('got ' + t))`;
    const client = fixture.launch(['sh', '-c', `${printAddress}; node -e "${clientScript}"`], { sandbox, workingDir: '/' });
    const clientId = await runtime.start(testPod, client);
    expect(await runtime.waitForExit(clientId)).toMatchObject({ status: 'exited', exitCode: 0 });

    const namespace = `net:[${statSync(netnsPath).ino}]`;
    expect(logLines(client.logPath)).toEqual(['10.254.77.2/32', namespace, 'got pong']);
    expect(logLines(server.logPath).slice(0, 2)).toEqual(['10.254.77.2/32', namespace]);
    expect(await hostListens(port)).toBe(false);
    await runtime.stop(serverId, 5);
  }, 30_000);

  it('fails the start with a clear message when the network namespace is missing', async () => {
    const start = runtime.start(testPod, fixture.launch(['true'], { sandbox: { netnsPath: '/run/netns/kctltest-missing' } }));
    await expect(start).rejects.toThrow(ContainerStartError);
    await expect(start).rejects.toThrow('joining network namespace /run/netns/kctltest-missing: No such file or directory');
  });
});

describe.skipIf(!canIsolate)('ProcessRuntime: the container root, volumes and hostname', () => {
  function volumes() {
    const data = join(fixture.root, 'volumes/data');
    const config = join(fixture.root, 'volumes/config');
    const secret = join(fixture.root, 'secret');
    const hosts = join(fixture.root, 'etc-hosts');
    for (const dir of [data, config, secret]) mkdirSync(dir, { recursive: true });
    writeFileSync(join(config, 'setting'), 'on\n');
    writeFileSync(join(secret, 'key'), 'hidden\n');
    writeFileSync(hosts, '10.254.0.9\tpod-a\n');
    const sandbox: PodSandboxContext = {
      hostname: 'pod-a',
      maskPaths: [secret],
      mounts: [
        { source: data, target: '/data', readOnly: false },
        { source: config, target: '/etc/config', readOnly: true },
        { source: hosts, target: '/etc/hosts', readOnly: true },
      ],
    };
    return { data, secret, sandbox };
  }

  it('sees volumes at their mountPath, its own hostname and /etc/hosts, and leaves the host untouched', async () => {
    const { data, secret, sandbox } = volumes();
    const hostHosts = readFileSync('/etc/hosts', 'utf8');
    const script = [
      'pwd',
      'hostname',
      'cat /etc/hosts',
      'cat /etc/config/setting',
      'echo written > /data/out',
      `ls -A ${secret} | wc -l`,
      'touch /etc/config/x 2>&1 | grep -o "Read-only file system"',
      `touch ${secret}/y 2>&1 | grep -o "Read-only file system"`,
      'echo scribble > /etc/kctl-test-marker',
      'while [ ! -e /data/release ]; do sleep 0.02; done',
    ].join('; ');
    const launch = fixture.launch(['sh', '-c', script], { sandbox, workingDir: '/data' });
    const id = await runtime.start(testPod, launch);
    const upper = join(fixture.dir(id).path, 'rootfs/upper');
    await eventually(() => existsSync(join(upper, 'etc/kctl-test-marker')));

    // exec joins the same mount, UTS and network namespaces, and the same root.
    const pid = (await fixture.dir(id).readProcess())?.pid;
    const exec = await execOutput(id, ['sh', '-c', 'cat /data/out; hostname; readlink /proc/self/ns/mnt /proc/self/ns/net; pwd; cat /etc/kctl-test-marker']);
    expect(exec).toEqual({
      code: 0,
      output: ['written', 'pod-a', readlinkSync(`/proc/${pid}/ns/mnt`), readlinkSync(`/proc/${pid}/ns/net`), '/data', 'scribble', ''].join('\n'),
    });
    expect((await execOutput(id, ['hostname'], true)).output).toBe('pod-a\r\n');
    await expect(execOutput(id, ['ls', '/nonexistent-in-container'])).resolves.toMatchObject({ code: 2 });

    writeFileSync(join(data, 'release'), '');
    expect(await runtime.waitForExit(id)).toMatchObject({ status: 'exited', exitCode: 0 });
    expect(logLines(launch.logPath)).toEqual(['/data', 'pod-a', '10.254.0.9\tpod-a', 'on', '0', 'Read-only file system', 'Read-only file system']);

    // The host: the volume got the write; nothing else changed; no mount survived.
    expect(readFileSync(join(data, 'out'), 'utf8')).toBe('written\n');
    expect(['/data', '/etc/config', '/etc/kctl-test-marker'].filter((path) => existsSync(path))).toEqual([]);
    expect(readFileSync('/etc/hosts', 'utf8')).toBe(hostHosts);
    expect(readFileSync(join(secret, 'key'), 'utf8')).toBe('hidden\n');
    expect(readFileSync('/proc/self/mountinfo', 'utf8')).not.toContain(fixture.root);
    // The container's writes are in its upper dir, removed with it.
    expect(readFileSync(join(upper, 'etc/kctl-test-marker'), 'utf8')).toBe('scribble\n');
    await runtime.remove(id);
    expect(existsSync(fixture.dir(id).path)).toBe(false);
  }, 30_000);

  it('fails the start with a clear message when a volume source is missing', async () => {
    const sandbox: PodSandboxContext = { mounts: [{ source: join(fixture.root, 'missing'), target: '/data', readOnly: false }] };
    const start = runtime.start(testPod, fixture.launch(['true'], { sandbox, workingDir: '/' }));
    await expect(start).rejects.toThrow(`mount source ${join(fixture.root, 'missing')}: No such file or directory`);
  });

  it('measures the start latency with a sandbox of 3 mounts against none', async () => {
    const { sandbox } = volumes();
    const netnsPath = createNetns('10.254.77.3');
    const p50 = async (extra: Partial<Parameters<RuntimeFixture['launch']>[1]>) => {
      const durations: number[] = [];
      for (let i = 0; i < 9; i++) {
        const began = performance.now();
        const id = await runtime.start(testPod, fixture.launch(['true'], { workingDir: '/', ...extra }));
        durations.push(performance.now() - began);
        await runtime.waitForExit(id);
        await runtime.remove(id);
      }
      return durations.sort((a, b) => a - b)[4] as number;
    };
    const plain = await p50({});
    const isolated = await p50({ sandbox: { ...sandbox, netnsPath } });
    console.log(`container start p50: ${plain.toFixed(1)} ms on the host, ${isolated.toFixed(1)} ms with netns + hostname + overlay root + 3 mounts + 1 mask`);
    expect(isolated).toBeLessThan(150);
  }, 30_000);
});
