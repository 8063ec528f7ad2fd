import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { Channel, encodeCloseFrame, encodeFrame, encodeResize, outcomeFromStatusPayload } from '@kctl/shared';
import { startKubeletServer } from './index.js';
import type { ContainerLookup, StreamingBackend } from './index.js';
import { StreamingTestRuntime } from './streaming-runtime.test-support.js';

let dir: string;
let runtime: StreamingTestRuntime;
let server: { port: number; close(): Promise<void> };
let lookup: ContainerLookup;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kctl-kubelet-server-'));
  writeFileSync(join(dir, '0.log'), '2026-01-01T00:00:01.000000000Z stdout F hello\n2026-01-01T00:00:02.000000000Z stderr F world\n');
  runtime = new StreamingTestRuntime();
  lookup = { ok: true, podUid: 'u1', containerName: 'app', containerId: 'c1', logPath: join(dir, '0.log'), running: true };
  const backend: StreamingBackend = { runtime, findContainer: () => lookup };
  server = await startKubeletServer({ host: '127.0.0.1', port: 0, backend });
});
afterEach(async () => {
  runtime.exitContainer();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function get(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: server.port, path }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      })
      .on('error', reject);
  });
}

interface Session {
  frames: Array<{ channel: number; text: string }>;
  protocol: string;
  closeCode: number;
}

function openSession(path: string, protocols: string[], onOpen: (ws: WebSocket) => void = () => undefined): Promise<Session> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, protocols);
    const frames: Session['frames'] = [];
    ws.on('open', () => onOpen(ws));
    ws.on('message', (data: Buffer) => frames.push({ channel: data[0] as number, text: data.subarray(1).toString() }));
    ws.on('close', (code) => resolve({ frames, protocol: ws.protocol, closeCode: code }));
    ws.on('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => reject(Object.assign(new Error('rejected'), { status: res.statusCode, body: JSON.parse(Buffer.concat(chunks).toString()) })));
    });
    ws.on('error', () => undefined);
  });
}

const text = (session: Session, channel: number) => session.frames.filter((f) => f.channel === channel).map((f) => f.text).join('');

describe('kubelet server: containerLogs', () => {
  it('serves the log as text, with timestamps on request', async () => {
    expect(await get('/containerLogs/default/web/app')).toEqual({ status: 200, body: 'hello\nworld\n' });
    expect((await get('/containerLogs/default/web/app?timestamps=true&tailLines=1')).body).toBe('2026-01-01T00:00:02.000000000Z world\n');
  });

  it('passes the backend refusal through as a Status', async () => {
    lookup = { ok: false, code: 400, reason: 'BadRequest', message: 'container "app" in pod "web" is waiting to start: ContainerCreating' };
    const res = await get('/containerLogs/default/web/app');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ kind: 'Status', reason: 'BadRequest', message: 'container "app" in pod "web" is waiting to start: ContainerCreating' });
  });

  it('ends a follow when the container exits', async () => {
    const pending = get('/containerLogs/default/web/app?follow=true');
    // Headers are flushed first; the exit then ends the body.
    await new Promise((r) => setImmediate(r));
    runtime.exitContainer();
    expect((await pending).body).toBe('hello\nworld\n');
  });

  it('rejects bad parameters', async () => {
    expect((await get('/containerLogs/default/web/app?tailLines=nope')).status).toBe(400);
    expect((await get('/nothing')).status).toBe(404);
  });
});

describe('kubelet server: exec and attach over WebSocket', () => {
  it('runs the command, streams stdout/stderr and ends with Success on channel 3', async () => {
    runtime.execHandler = async (argv, io) => {
      io.stdout?.write(`ran ${argv.join(' ')}\n`);
      io.stderr?.write('warn\n');
      return 0;
    };
    const session = await openSession('/exec/default/web/app?command=echo&command=hi&stdout=true&stderr=true', ['v5.channel.k8s.io']);
    expect(session.protocol).toBe('v5.channel.k8s.io');
    expect(text(session, Channel.stdout)).toBe('ran echo hi\n');
    expect(text(session, Channel.stderr)).toBe('warn\n');
    expect(outcomeFromStatusPayload(text(session, Channel.status))).toEqual({ exitCode: 0 });
    expect(session.closeCode).toBe(1000);
  });

  it('reports a non-zero exit code in the NonZeroExitCode status (v4 too)', async () => {
    runtime.execHandler = async () => 3;
    const session = await openSession('/exec/default/web/app?command=false&stdout=true', ['v4.channel.k8s.io', 'v3.channel.k8s.io']);
    expect(session.protocol).toBe('v4.channel.k8s.io');
    expect(outcomeFromStatusPayload(text(session, Channel.status))).toEqual({ exitCode: 3 });
  });

  it('feeds stdin until the v5 close signal and delivers resizes for a tty', async () => {
    const sizes: unknown[] = [];
    runtime.execHandler = async (_argv, io) => {
      io.onResize?.((size) => sizes.push(size));
      for await (const chunk of io.stdin!) io.stdout?.write(String(chunk).toUpperCase());
      return 0;
    };
    const session = await openSession('/exec/default/web/app?command=cat&stdin=true&stdout=true&tty=true', ['v5.channel.k8s.io'], (ws) => {
      ws.send(encodeResize({ cols: 0, rows: 0 }));
      ws.send(encodeResize({ cols: 120, rows: 30 }));
      ws.send(encodeFrame(Channel.stdin, 'abc'));
      ws.send(encodeCloseFrame(Channel.stdin));
    });
    expect(text(session, Channel.stdout)).toBe('ABC');
    expect(sizes).toEqual([{ cols: 120, rows: 30 }]);
  });

  it('turns a runtime error into a Failure status with its message', async () => {
    runtime.execHandler = async () => {
      throw new Error('exec: "nope": executable file not found in $PATH');
    };
    const session = await openSession('/exec/default/web/app?command=nope&stdout=true', ['v5.channel.k8s.io']);
    expect(outcomeFromStatusPayload(text(session, Channel.status))).toEqual({ error: 'exec: "nope": executable file not found in $PATH' });
  });

  it('attaches to the container streams', async () => {
    const session = await openSession('/attach/default/web/app?stdin=true&stdout=true', ['v5.channel.k8s.io'], (ws) => {
      ws.send(encodeFrame(Channel.stdin, 'echo me'));
      ws.send(encodeCloseFrame(Channel.stdin));
    });
    expect(text(session, Channel.stdout)).toBe('echo me');
  });

  it('refuses before the handshake with a Status: backend errors, stopped containers, no protocol', async () => {
    lookup = { ok: false, code: 400, reason: 'BadRequest', message: 'container "app" in pod "web" is waiting to start: ContainerCreating' };
    await expect(openSession('/exec/default/web/app?command=sh&stdout=true', ['v5.channel.k8s.io'])).rejects.toMatchObject({
      status: 400,
      body: { message: 'container "app" in pod "web" is waiting to start: ContainerCreating' },
    });
    lookup = { ok: true, podUid: 'u1', containerName: 'app', logPath: '', running: false };
    await expect(openSession('/exec/default/web/app?command=sh&stdout=true', ['v5.channel.k8s.io'])).rejects.toMatchObject({
      body: { message: 'container not found ("app")' },
    });
    await expect(openSession('/exec/default/web/app?command=sh&stdout=true', ['channel.k8s.io'])).rejects.toMatchObject({ status: 400 });
  });
});
