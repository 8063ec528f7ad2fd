// kctl-proxy as the supervisor runs it: the bundled main, started with flags, routes the service
// range, reports healthy, proxies, and removes the route on SIGTERM; --cleanup removes a route a
// killed run left. Plus the fallback when the range is not routed: NodePorts only, no DNS.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { singleClusterKubeconfig } from '@kctl/shared';
import { addLocalRoute, hasLocalRoute, removeLocalRoute } from './local-route.js';
import { ServiceProxy } from './proxy.js';
import { connectOutcome, createService, eventually, isRoot, localRoutes, portOf, putSlice, startGreeter, startTestCluster } from './proxy-harness.test-support.js';
import type { TestCluster } from './proxy-harness.test-support.js';

let dir: string;
let bundle: string;
const children: ChildProcess[] = [];
const closers: Array<() => unknown> = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kctl-proxy-test-'));
  bundle = join(dir, 'kctl-proxy.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'main.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['kctl-source'],
    banner: { js: "import { createRequire as __kctlCreateRequire } from 'node:module'; const require = __kctlCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}, 60_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const close of closers.reverse()) await close();
  rmSync(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, () => resolve()));
  const port = portOf(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function runProxy(args: string[]): { child: ChildProcess; exited: Promise<number | null>; output: () => string } {
  const child = spawn(process.execPath, [bundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function newCluster(): Promise<TestCluster> {
  const cluster = await startTestCluster();
  closers.push(() => cluster.close());
  closers.push(() => removeLocalRoute(cluster.cidr.text)); // in case a run is killed before its own clean-up
  return cluster;
}

describe.skipIf(!isRoot)('kctl-proxy', () => {
  it('routes the service range, reports healthy, proxies, and removes the route on SIGTERM', async () => {
    const cluster = await newCluster();
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, JSON.stringify(singleClusterKubeconfig('test', cluster.server)));
    const healthzPort = await freePort();
    expect(localRoutes()).not.toContain(cluster.cidr.text);
    const run = runProxy(['--kubeconfig', kubeconfig, '--service-cidr', cluster.cidr.text, '--healthz-port', String(healthzPort), '--log-level', 'warn']);

    const healthz = await eventually(
      () => fetch(`http://127.0.0.1:${healthzPort}/healthz`).then((r) => r.text()),
      (body) => expect(body).toBe('ok'),
      10_000,
    );
    expect(healthz).toBe('ok');
    expect(localRoutes()).toContain(`local ${cluster.cidr.text} dev lo`);

    const backend = await startGreeter('main');
    closers.push(() => new Promise((resolve) => backend.close(resolve)));
    const svc = await createService(cluster.client, 'web', { ports: [{ port: 80 }] });
    await putSlice(cluster.client, 'web', [{ port: portOf(backend), protocol: 'TCP' }], [{ ip: '127.0.0.1', ready: true }]);
    await eventually(() => connectOutcome(svc.spec!.clusterIP!, 80), (o) => expect(o).toEqual({ data: 'hello from main' }));

    run.child.kill('SIGTERM');
    expect(await run.exited, run.output()).toBe(0);
    expect(localRoutes()).not.toContain(cluster.cidr.text);
  }, 30_000);

  it('--cleanup removes a route left behind, and succeeds when there is none', async () => {
    const cluster = await newCluster();
    await addLocalRoute(cluster.cidr.text);
    expect(await hasLocalRoute(cluster.cidr.text)).toBe(true);
    const first = runProxy(['--service-cidr', cluster.cidr.text, '--cleanup']);
    expect(await first.exited, first.output()).toBe(0);
    expect(await hasLocalRoute(cluster.cidr.text)).toBe(false);
    const again = runProxy(['--service-cidr', cluster.cidr.text, '--cleanup']);
    expect(await again.exited, again.output()).toBe(0);
  }, 30_000);

  it('serves NodePorts only, and no DNS, when the service range is not routed here', async () => {
    const cluster = await newCluster();
    const proxy = new ServiceProxy({
      client: cluster.client,
      logger: pino({ level: 'silent' }),
      serviceCidr: cluster.cidr,
      serviceRangeLocal: false,
      nodePortAddress: '127.0.0.1',
      clusterDomain: 'cluster.local',
      dnsAddress: cluster.dnsAddress,
      reconnectBackoff: { initialMs: 50, maxMs: 200 },
    });
    closers.push(() => proxy.stop());
    await proxy.start();
    const backend = await startGreeter('np');
    closers.push(() => new Promise((resolve) => backend.close(resolve)));
    const svc = await createService(cluster.client, 'np', { type: 'NodePort', ports: [{ port: 80 }] });
    await putSlice(cluster.client, 'np', [{ port: portOf(backend), protocol: 'TCP' }], [{ ip: '127.0.0.1', ready: true }]);
    const nodePort = svc.spec!.ports![0]!.nodePort!;
    await eventually(() => connectOutcome('127.0.0.1', nodePort), (o) => expect(o).toEqual({ data: 'hello from np' }));
    expect(proxy.listenerKeys()).toEqual([`TCP/127.0.0.1:${nodePort}`]);
    expect(proxy.dnsPort).toBeUndefined();
  }, 30_000);
});
