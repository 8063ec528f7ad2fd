// The claim behind the AnyIP design, checked from a pod's point of view: a network namespace on a
// bridge (as the kubelet sets pods up) reaches a ClusterIP and the cluster DNS through its default
// gateway, with ip_forward off and no NAT; the Service's endpoint is a server in the same pod
// network, and name lookups go through glibc with a Kubernetes-style resolv.conf (ndots:5).
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { nthAddress } from './ipv4.js';
import type { Ipv4Cidr } from './ipv4.js';
import { addLocalRoute, removeLocalRoute } from './local-route.js';
import { ServiceProxy } from './proxy.js';
import { createService, eventually, isRoot, putSlice, randomTestCidr, startTestCluster } from './proxy-harness.test-support.js';
import type { TestCluster } from './proxy-harness.test-support.js';

const run = promisify(execFile);
const tag = randomBytes(3).toString('hex');
const bridge = `kpb${tag}`;
const veth = `kpv${tag}`;
const netns = `kpn${tag}`;
const netnsEtc = `/etc/netns/${netns}`;
let podCidr: Ipv4Cidr;
let cluster: TestCluster;
let server: ChildProcess | undefined;
let clusterIP: string;
const closers: Array<() => unknown> = [];

const ip = (...args: string[]) => run('ip', args);
const inPod = (...args: string[]) => run('ip', ['netns', 'exec', netns, ...args], { timeout: 10_000 });
const quietly = (fn: () => Promise<unknown>) => () => fn().catch(() => undefined);

beforeAll(async () => {
  if (!isRoot) return;
  cluster = await startTestCluster();
  closers.push(() => cluster.close());
  podCidr = randomTestCidr();
  const gateway = nthAddress(podCidr, 1);
  const podIp = nthAddress(podCidr, 2);
  // Registered before each step, so a failure half-way still removes what exists (in reverse order).
  closers.push(quietly(() => ip('link', 'del', bridge)));
  await ip('link', 'add', bridge, 'type', 'bridge');
  await ip('addr', 'add', `${gateway}/24`, 'dev', bridge);
  await ip('link', 'set', bridge, 'up');
  closers.push(quietly(() => ip('netns', 'del', netns)));
  await ip('netns', 'add', netns);
  closers.push(quietly(() => ip('link', 'del', veth)));
  await ip('link', 'add', veth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', netns);
  await ip('link', 'set', veth, 'master', bridge, 'up');
  await ip('-n', netns, 'addr', 'add', `${podIp}/24`, 'dev', 'eth0');
  await ip('-n', netns, 'link', 'set', 'eth0', 'up');
  await ip('-n', netns, 'link', 'set', 'lo', 'up');
  await ip('-n', netns, 'route', 'add', 'default', 'via', gateway);
  const hadNetnsEtc = existsSync('/etc/netns');
  closers.push(() => {
    rmSync(netnsEtc, { recursive: true, force: true });
    if (!hadNetnsEtc) rmdirSync('/etc/netns');
  });
  mkdirSync(netnsEtc, { recursive: true });
  writeFileSync(`${netnsEtc}/resolv.conf`, `nameserver ${cluster.dnsAddress}\nsearch default.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n`);

  closers.push(() => removeLocalRoute(cluster.cidr.text));
  await addLocalRoute(cluster.cidr.text);
  const proxy = new ServiceProxy({
    client: cluster.client,
    logger: pino({ level: 'silent' }),
    serviceCidr: cluster.cidr,
    serviceRangeLocal: true,
    nodePortAddress: '127.0.0.1',
    clusterDomain: 'cluster.local',
    dnsAddress: cluster.dnsAddress,
    reconnectBackoff: { initialMs: 50, maxMs: 200 },
  });
  closers.push(() => proxy.stop());
  await proxy.start();

  // The endpoint: a server inside the pod network, on the pod IP.
  server = spawn('ip', ['netns', 'exec', netns, process.execPath, '-e', "require('net').createServer((s) => s.end('hello from the pod')).listen(8080, '0.0.0.0')"], { stdio: 'ignore' });
  closers.push(() => server?.kill('SIGKILL'));
  const svc = await createService(cluster.client, 'web', { ports: [{ port: 80, targetPort: 8080 }] });
  await putSlice(cluster.client, 'web', [{ port: 8080, protocol: 'TCP' }], [{ ip: podIp, ready: true }]);
  clusterIP = svc.spec!.clusterIP!;
}, 30_000);

afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

/** Connects from inside the pod (names resolved by glibc with the pod's resolv.conf) and prints what it read. */
const fetchInPod = (host: string) =>
  inPod(process.execPath, '-e', `const s = require('net').connect(80, ${JSON.stringify(host)}); let d = ''; s.on('data', (c) => (d += c)); s.on('close', () => console.log(d)); s.on('error', (e) => console.log(e.code));`);

describe.skipIf(!isRoot)('a pod on a bridge', () => {
  it('reaches a ClusterIP whose endpoint is a pod on the same bridge, with ip_forward off and no NAT', async () => {
    const { stdout } = await eventually(() => fetchInPod(clusterIP), (r) => expect(r.stdout.trim()).toBe('hello from the pod'));
    expect(stdout.trim()).toBe('hello from the pod');
  });

  it('resolves Service names through the search path at once, and fails unknown names fast', async () => {
    const short = await inPod('getent', 'hosts', 'web');
    expect(short.stdout.trim().split(/\s+/)).toEqual([clusterIP, 'web.default.svc.cluster.local']);
    const qualified = await inPod('getent', 'ahostsv4', 'web.default');
    expect(qualified.stdout).toContain(clusterIP);
    const started = Date.now();
    await expect(inPod('getent', 'hosts', 'nope.example.org')).rejects.toMatchObject({ code: 2 });
    const ms = Date.now() - started;
    console.log(`unknown name (every search expansion NXDOMAIN) answered in ${ms} ms, getent start-up included`);
    expect(ms).toBeLessThan(1_000);
    const viaDns = await eventually(() => fetchInPod('web.default.svc.cluster.local'), (r) => expect(r.stdout.trim()).toBe('hello from the pod'));
    expect(viaDns.stdout.trim()).toBe('hello from the pod');
  });
});
