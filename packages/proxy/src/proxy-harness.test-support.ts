// Shared by the proxy's integration tests: a real API server (memory store) with its own random
// service range, a locally routed copy of that range, TCP/HTTP probes and a tiny DNS client.
import dgram from 'node:dgram';
import http from 'node:http';
import net from 'node:net';
import { randomInt } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { buildApiServer, createMemoryObjectStore } from '@kctl/apiserver';
import { ApiClient } from '@kctl/shared';
import type { Service } from '@kctl/shared';
import { CLASS_IN, decodeMessage, encodeMessage } from './dns/wire.js';
import type { DnsMessage } from './dns/wire.js';
import { nthAddress, parseIpv4Cidr } from './ipv4.js';
import type { Ipv4Cidr } from './ipv4.js';
import type { EndpointSlice } from './service-table.js';

export const isRoot = process.getuid?.() === 0;

/** A /24 in 10.250-254.x.0 that overlaps no route on this machine (other tests' bridges and ranges). */
export function randomTestCidr(): Ipv4Cidr {
  for (;;) {
    const cidr = parseIpv4Cidr(`10.${250 + randomInt(5)}.${randomInt(256)}.0/24`);
    if (!routedPrefixes().some((taken) => overlaps(taken, cidr))) return cidr;
  }
}

function routedPrefixes(): Ipv4Cidr[] {
  const text = execFileSync('ip', ['-4', 'route', 'show', 'table', 'all'], { encoding: 'utf8' });
  const prefixes: Ipv4Cidr[] = [];
  for (const line of text.split('\n')) {
    const words = line.trim().split(/\s+/);
    const destination = ['local', 'broadcast', 'unicast', 'blackhole'].includes(words[0] ?? '') ? words[1] : words[0];
    if (!destination || destination === 'default') continue;
    try {
      prefixes.push(parseIpv4Cidr(destination.includes('/') ? destination : `${destination}/32`));
    } catch {
      // not an IPv4 destination
    }
  }
  return prefixes;
}

function overlaps(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  const shorter = Math.min(a.prefix, b.prefix);
  const size = 2 ** (32 - shorter);
  return a.base - (a.base % size) === b.base - (b.base % size);
}

export function localRoutes(): string {
  return execFileSync('ip', ['route', 'show', 'table', 'local'], { encoding: 'utf8' });
}

export interface TestCluster {
  app: FastifyInstance;
  client: ApiClient;
  server: string;
  cidr: Ipv4Cidr;
  dnsAddress: string;
  close(): Promise<void>;
}

/** An API server allocating ClusterIPs from a fresh random range and NodePorts from a random slice above kctl's. */
export async function startTestCluster(): Promise<TestCluster> {
  const cidr = randomTestCidr();
  const firstNodePort = 33_000 + randomInt(60) * 100;
  const store = createMemoryObjectStore();
  await store.open();
  const app = await buildApiServer({ store, serviceNetwork: { clusterIPRange: cidr.text, nodePortRange: [firstNodePort, firstNodePort + 99] } });
  const server = await app.listen({ host: '127.0.0.1', port: 0 });
  const client = new ApiClient({ server, namespace: 'default' });
  return {
    app,
    client,
    server,
    cidr,
    dnsAddress: nthAddress(cidr, 10),
    close: async () => {
      client.close();
      await app.close();
    },
  };
}

export async function eventually<T>(read: () => Promise<T>, check: (value: T) => void, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await read();
      check(value);
      return value;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

export async function createService(client: ApiClient, name: string, spec: NonNullable<Service['spec']>): Promise<Service> {
  return client.create<Service>('/api/v1/namespaces/default/services', { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec });
}

/** Writes the Service's one slice (created or replaced), as the endpoints controller would. */
export async function putSlice(client: ApiClient, service: string, ports: EndpointSlice['ports'], endpoints: Array<{ ip: string; ready: boolean }>): Promise<void> {
  const path = '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices';
  const body = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${service}-test`, labels: { 'kubernetes.io/service-name': service } },
    addressType: 'IPv4',
    ports,
    endpoints: endpoints.map(({ ip, ready }) => ({ addresses: [ip], conditions: { ready, serving: ready, terminating: false } })),
  };
  try {
    const current = await client.get<EndpointSlice>(`${path}/${service}-test`);
    await client.replace(`${path}/${service}-test`, { ...body, metadata: { ...current.metadata, labels: body.metadata.labels } });
  } catch {
    await client.create(path, body);
  }
}

/** A TCP server that greets each connection with its name and ends it. */
export async function startGreeter(name: string, host = '127.0.0.1', port = 0): Promise<net.Server> {
  const server = net.createServer((socket) => socket.end(`hello from ${name}`));
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen({ host, port }, () => resolve()));
  return server;
}

export const portOf = (server: net.Server | http.Server) => (server.address() as net.AddressInfo).port;

export type Outcome = { data: string } | { error: string } | 'closed';

/** What a client sees connecting to host:port: the greeting, an error code (ECONNRESET, ECONNREFUSED), or a close without data. */
export function connectOutcome(host: string, port: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
    socket.on('close', () => resolve(data ? { data } : 'closed'));
    socket.setTimeout(3_000, () => {
      socket.destroy();
      resolve({ error: 'TIMEOUT' });
    });
  });
}

/** One HTTP GET on a fresh connection (keep-alive off); resolves with the milliseconds it took. */
export function timedGet(host: string, port: number): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get({ host, port, path: '/', agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(performance.now() - start));
      })
      .on('error', reject);
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Sends one query over UDP and returns the decoded answer and how long it took. */
export function dnsQuery(address: string, port: number, name: string, type: number): Promise<{ answer: DnsMessage; ms: number }> {
  const socket = dgram.createSocket('udp4');
  const id = randomInt(65536);
  const query = encodeMessage({
    id,
    flags: { response: false, opcode: 0, authoritative: false, truncated: false, recursionDesired: true, recursionAvailable: false, rcode: 0 },
    questions: [{ name, type, class: CLASS_IN }],
    answers: [],
    authorities: [],
    additionals: [],
  });
  const start = performance.now();
  return new Promise<{ answer: DnsMessage; ms: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no DNS answer for ${name}`)), 2_000);
    socket.on('message', (msg) => {
      const answer = decodeMessage(msg);
      if (answer.id !== id) return;
      clearTimeout(timer);
      resolve({ answer, ms: performance.now() - start });
    });
    socket.on('error', reject);
    socket.send(query, port, address);
  }).finally(() => socket.close());
}
