// The kubelet's port-forward endpoint with the real shim relay, on the host's network (a
// hostNetwork pod: no netns to join), against a server bound to 127.0.0.1.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { encodeFrame } from '@kctl/shared';
import { startKubeletServer } from './index.js';
import type { PodNetworkLookup, StreamingBackend } from './index.js';
import { StreamingTestRuntime } from './streaming-runtime.test-support.js';

let server: { port: number; close(): Promise<void> };
let echo: net.Server;
let echoPort: number;
let network: PodNetworkLookup;

beforeAll(() => {
  execFileSync(process.execPath, [fileURLToPath(new URL('../../../../scripts/build-shim.mjs', import.meta.url))], { stdio: 'inherit' });
});
beforeEach(async () => {
  // Answers the first chunk with "echo:" + it and closes (v4 cannot half-close the client side).
  echo = net.createServer((socket) => socket.once('data', (c: Buffer) => socket.end(`echo:${c.toString()}`)));
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  echoPort = (echo.address() as AddressInfo).port;
  network = { ok: true, podUid: 'uid-1' };
  const backend: StreamingBackend = { runtime: new StreamingTestRuntime(), findContainer: () => ({ ok: false, code: 500, reason: 'InternalError', message: 'unused' }), podNetwork: () => network };
  server = await startKubeletServer({ host: '127.0.0.1', port: 0, backend });
});
afterEach(async () => {
  await server.close();
  await new Promise<void>((resolve) => echo.close(() => resolve()));
});

interface Frames {
  byChannel: Map<number, Buffer[]>;
  closeCode: number;
}

function forward(query: string, protocols: string[], onOpen: (ws: WebSocket) => void): Promise<Frames> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/portForward/default/web?${query}`, protocols);
    const byChannel = new Map<number, Buffer[]>();
    ws.on('open', () => onOpen(ws));
    ws.on('message', (data: Buffer) => byChannel.set(data[0] as number, [...(byChannel.get(data[0] as number) ?? []), data.subarray(1)]));
    ws.on('close', (code) => resolve({ byChannel, closeCode: code }));
    ws.on('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => reject(Object.assign(new Error('rejected'), { status: res.statusCode, body: JSON.parse(Buffer.concat(chunks).toString()) })));
    });
    ws.on('error', reject);
  });
}

describe('kubelet port-forward', () => {
  it('announces the port on both channels and relays one connection to localhost:PORT', async () => {
    const started = Date.now();
    const frames = await forward(`port=${echoPort}`, ['v4.channel.k8s.io'], (ws) => ws.send(encodeFrame(0, 'hello')));
    const prefix = Buffer.alloc(2);
    prefix.writeUInt16LE(echoPort);
    expect(frames.byChannel.get(0)?.[0]).toEqual(prefix);
    expect(frames.byChannel.get(1)?.[0]).toEqual(prefix);
    expect(Buffer.concat(frames.byChannel.get(0)?.slice(1) ?? []).toString()).toBe('echo:hello');
    expect(frames.byChannel.get(1)?.length).toBe(1);
    expect(frames.closeCode).toBe(1000);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports a refused connection on the error channel in the kubelet wording', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const frames = await forward(`port=${port}`, [], () => undefined);
    const error = Buffer.concat(frames.byChannel.get(1)?.slice(1) ?? []).toString();
    expect(error).toContain(`error forwarding port ${port} to pod web, uid uid-1: failed to execute portforward in network namespace "host": failed to connect to localhost:${port}`);
    expect(error).toContain(`dial tcp4 127.0.0.1:${port}: connect: connection refused`);
  });

  it('refuses what it cannot serve before the handshake', async () => {
    await expect(forward('', ['v4.channel.k8s.io'], () => undefined)).rejects.toMatchObject({ status: 400, body: { message: 'query parameter "port" is required' } });
    await expect(forward('port=80', ['v5.channel.k8s.io'], () => undefined)).rejects.toMatchObject({ status: 400 });
    network = { ok: false, code: 404, reason: 'NotFound', message: 'pod "web" not found' };
    await expect(forward('port=80', ['v4.channel.k8s.io'], () => undefined)).rejects.toMatchObject({ status: 404, body: { message: 'pod "web" not found' } });
  });
});
