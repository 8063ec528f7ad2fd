// The Service proxy against a real API server, as root: its service range is routed locally for the
// duration of the file, Services and EndpointSlices are written by the test, and the backends are
// servers on loopback.
import dgram from 'node:dgram';
import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Service } from '@kctl/shared';
import { RCODE, TYPE } from './dns/wire.js';
import { addLocalRoute, removeLocalRoute } from './local-route.js';
import { ServiceProxy } from './proxy.js';
import {
  connectOutcome,
  createService,
  dnsQuery,
  eventually,
  isRoot,
  median,
  portOf,
  putSlice,
  startGreeter,
  startTestCluster,
  timedGet,
} from './proxy-harness.test-support.js';
import type { TestCluster } from './proxy-harness.test-support.js';

let cluster: TestCluster;
let proxy: ServiceProxy;
const closers: Array<() => unknown> = [];

beforeAll(async () => {
  if (!isRoot) return;
  cluster = await startTestCluster();
  closers.push(() => cluster.close());
  await addLocalRoute(cluster.cidr.text);
  closers.push(() => removeLocalRoute(cluster.cidr.text));
  proxy = new ServiceProxy({
    client: cluster.client,
    logger: pino({ level: 'silent' }),
    serviceCidr: cluster.cidr,
    serviceRangeLocal: true,
    nodePortAddress: '127.0.0.1',
    clusterDomain: 'cluster.local',
    dnsAddress: cluster.dnsAddress,
    reconnectBackoff: { initialMs: 50, maxMs: 200 },
    bindRetryMs: 200,
  });
  closers.push(() => proxy.stop());
  await proxy.start();
});

afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

const listening = (server: net.Server | http.Server | dgram.Socket) => closers.push(() => new Promise((resolve) => server.close(() => resolve(undefined))));

describe.skipIf(!isRoot)('the service proxy', () => {
  it('proxies ClusterIP and NodePort to a ready endpoint, resets without one and stops listening when the Service goes', async () => {
    const backend = await startGreeter('web');
    listening(backend);
    const svc = await createService(cluster.client, 'web', { type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
    const clusterIP = svc.spec!.clusterIP!;
    const nodePort = svc.spec!.ports![0]!.nodePort!;
    const ports = [{ name: 'http', port: portOf(backend), protocol: 'TCP' }];
    await putSlice(cluster.client, 'web', ports, [{ ip: '127.0.0.1', ready: true }]);

    await eventually(() => connectOutcome(clusterIP, 80), (o) => expect(o).toEqual({ data: 'hello from web' }));
    await eventually(() => connectOutcome('127.0.0.1', nodePort), (o) => expect(o).toEqual({ data: 'hello from web' }));
    expect(proxy.listenerKeys()).toEqual(expect.arrayContaining([`TCP/${clusterIP}:80`, `TCP/127.0.0.1:${nodePort}`]));

    // The only endpoint fails its readiness probe: connections are refused at once (reset), not hung.
    await putSlice(cluster.client, 'web', ports, [{ ip: '127.0.0.1', ready: false }]);
    const refused = await eventually(() => connectOutcome(clusterIP, 80), (o) => expect(o).not.toHaveProperty('data'));
    expect([{ error: 'ECONNRESET' }, 'closed']).toContainEqual(refused);

    await cluster.client.delete('/api/v1/namespaces/default/services/web');
    await eventually(() => connectOutcome(clusterIP, 80), (o) => expect(o).toEqual({ error: 'ECONNREFUSED' }));
    await eventually(() => connectOutcome('127.0.0.1', nodePort), (o) => expect(o).toEqual({ error: 'ECONNREFUSED' }));
    expect(proxy.listenerKeys().filter((k) => k.includes(clusterIP))).toEqual([]);
  });

  it('round-robins over the ready endpoints, and keeps a client on one with ClientIP affinity', async () => {
    const a = await startGreeter('a', '127.0.0.1');
    listening(a);
    const b = await startGreeter('b', '127.0.0.2', portOf(a));
    listening(b);
    const endpoints = [{ ip: '127.0.0.1', ready: true }, { ip: '127.0.0.2', ready: true }];
    const rr = await createService(cluster.client, 'rr', { ports: [{ port: 81 }] });
    await putSlice(cluster.client, 'rr', [{ port: portOf(a), protocol: 'TCP' }], endpoints);
    const sticky = await createService(cluster.client, 'sticky', { sessionAffinity: 'ClientIP', ports: [{ port: 82 }] });
    await putSlice(cluster.client, 'sticky', [{ port: portOf(a), protocol: 'TCP' }], endpoints);

    const greetings = async (ip: string, port: number) => {
      const seen: string[] = [];
      for (let i = 0; i < 6; i++) seen.push(((await connectOutcome(ip, port)) as { data: string }).data);
      return seen;
    };
    await eventually(() => connectOutcome(rr.spec!.clusterIP!, 81), (o) => expect(o).toHaveProperty('data'));
    const spread = await greetings(rr.spec!.clusterIP!, 81);
    expect(new Set(spread)).toEqual(new Set(['hello from a', 'hello from b']));
    expect(spread.filter((g) => g === 'hello from a')).toHaveLength(3);
    await eventually(() => connectOutcome(sticky.spec!.clusterIP!, 82), (o) => expect(o).toHaveProperty('data'));
    expect(new Set(await greetings(sticky.spec!.clusterIP!, 82)).size).toBe(1);
  });

  it('relays UDP to the endpoint and back', async () => {
    const echo = dgram.createSocket('udp4');
    echo.on('message', (msg, rinfo) => echo.send(Buffer.concat([Buffer.from('echo:'), msg]), rinfo.port, rinfo.address));
    await new Promise<void>((resolve) => echo.bind({ address: '127.0.0.1', port: 0 }, () => resolve()));
    listening(echo);
    const svc = await createService(cluster.client, 'udp', { ports: [{ name: 'u', port: 5300, protocol: 'UDP' }] });
    await putSlice(cluster.client, 'udp', [{ name: 'u', port: echo.address().port, protocol: 'UDP' }], [{ ip: '127.0.0.1', ready: true }]);

    const client = dgram.createSocket('udp4');
    listening(client);
    const replies: string[] = [];
    client.on('message', (msg) => replies.push(msg.toString()));
    await eventually(
      async () => {
        client.send('ping', 5300, svc.spec!.clusterIP!);
        await new Promise((resolve) => setTimeout(resolve, 50));
        return replies;
      },
      (r) => expect(r).toContain('echo:ping'),
    );
  });

  it('answers DNS for Services within a few milliseconds and never leaves the cluster domain', async () => {
    const svc = await createService(cluster.client, 'named', { ports: [{ name: 'http', port: 80 }] });
    const ask = (name: string, type: number = TYPE.A) => dnsQuery(cluster.dnsAddress, 53, name, type);
    const a = await eventually(() => ask('named.default.svc.cluster.local'), (r) => expect(r.answer.answers).toHaveLength(1));
    expect(a.answer.answers[0]!.data).toEqual({ type: 'A', address: svc.spec!.clusterIP });
    const aaaa = await ask('named.default.svc.cluster.local', TYPE.AAAA);
    expect(aaaa.answer.flags.rcode).toBe(RCODE.NOERROR);
    expect(aaaa.answer.answers).toEqual([]);
    const expansion = await ask('named.default.svc.cluster.local.default.svc.cluster.local');
    const outside = await ask('example.org');
    expect([expansion.answer.flags.rcode, outside.answer.flags.rcode]).toEqual([RCODE.NXDOMAIN, RCODE.NXDOMAIN]);
    const times = [a, aaaa, expansion, outside].map((r) => r.ms);
    console.log(`DNS answer times (ms): ${times.map((t) => t.toFixed(2)).join(', ')}`);
    expect(Math.max(...times)).toBeLessThan(50);
  });

  it('adds at most 1 ms to the median request (500 sequential HTTP requests, keep-alive off)', async () => {
    const server = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, () => resolve()));
    listening(server);
    const svc = await createService(cluster.client, 'bench', { ports: [{ port: 8000 }] });
    await putSlice(cluster.client, 'bench', [{ port: portOf(server), protocol: 'TCP' }], [{ ip: '127.0.0.1', ready: true }]);
    const clusterIP = svc.spec!.clusterIP!;
    await eventually(() => timedGet(clusterIP, 8000), () => undefined);
    const direct: number[] = [];
    const proxied: number[] = [];
    for (let i = 0; i < 50; i++) await timedGet(clusterIP, 8000); // warm up both paths
    for (let i = 0; i < 500; i++) {
      direct.push(await timedGet('127.0.0.1', portOf(server)));
      proxied.push(await timedGet(clusterIP, 8000));
    }
    const [d, p] = [median(direct), median(proxied)];
    console.log(`HTTP p50 over 500 requests: direct ${d.toFixed(3)} ms, through the proxy ${p.toFixed(3)} ms (+${(p - d).toFixed(3)} ms)`);
    expect(p - d).toBeLessThan(1);
  }, 60_000);
});
