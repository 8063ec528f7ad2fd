// Through a listening API server to an in-process stub kubelet: logs streamed through,
// exec/attach relayed frame for frame, refusals answered with a Status (also for kubectl's
// SPDY retry).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import WebSocket from 'ws';
import { Channel, encodeCloseFrame, encodeFrame, outcomeFromStatusPayload } from '@kctl/shared';
import { apiFixture } from '../../test-support/api-fixture.test-support.js';
import type { ApiFixture } from '../../test-support/api-fixture.test-support.js';
import { startStubKubelet } from './stub-kubelet.test-support.js';
import type { StubKubelet } from './stub-kubelet.test-support.js';

let api: ApiFixture;
let kubelet: StubKubelet;
let port: number;

const PODS = '/api/v1/namespaces/default/pods';

function podManifest(name: string, containers: string[], nodeName?: string) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { ...(nodeName ? { nodeName } : {}), containers: containers.map((c) => ({ name: c, image: 'busybox', command: ['sleep', '60'] })) },
  };
}

beforeEach(async () => {
  kubelet = await startStubKubelet();
  api = await apiFixture();
  const address = await api.app.listen({ port: 0, host: '127.0.0.1' });
  port = Number(new URL(address).port);
  await api.call('POST', '/api/v1/nodes', {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'n1' },
    status: { addresses: [{ type: 'InternalIP', address: '127.0.0.1' }], daemonEndpoints: { kubeletEndpoint: { Port: kubelet.port } } },
  });
  await api.call('POST', PODS, podManifest('web', ['app'], 'n1'));
  await api.call('POST', PODS, podManifest('multi', ['a', 'b'], 'n1'));
  await api.call('POST', PODS, podManifest('pending', ['app']));
});
afterEach(async () => {
  await api.close();
  await kubelet.close();
});

function request(method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; type?: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), ...(res.headers['content-type'] ? { type: res.headers['content-type'] } : {}) }));
    });
    req.on('error', reject);
    req.end();
  });
}

interface Session {
  frames: Array<{ channel: number; text: string }>;
  protocol: string;
}

function exec(path: string, protocols: string[], onOpen: (ws: WebSocket) => void = () => undefined): Promise<Session> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, protocols);
    const frames: Session['frames'] = [];
    ws.on('open', () => onOpen(ws));
    ws.on('message', (data: Buffer) => frames.push({ channel: data[0] as number, text: data.subarray(1).toString() }));
    ws.on('close', () => resolve({ frames, protocol: ws.protocol }));
    ws.on('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => reject(Object.assign(new Error('refused'), { status: res.statusCode, body: JSON.parse(Buffer.concat(chunks).toString()) })));
    });
    ws.on('error', () => undefined);
  });
}

const channelText = (s: Session, channel: number) => s.frames.filter((f) => f.channel === channel).map((f) => f.text).join('');

describe('pods/log', () => {
  it('proxies to the kubelet with the defaulted container and the log options', async () => {
    const res = await request('GET', `${PODS}/web/log?tailLines=5&timestamps=true&pretty=true&follow=false`);
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/plain');
    expect(res.body).toBe('url /containerLogs/default/web/app?follow=false&tailLines=5&timestamps=true\n');
  });

  it('streams a follower before the kubelet ends its response', async () => {
    const first = await new Promise<string>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path: `${PODS}/web/log?follow=true` }, (res) => {
        res.once('data', (chunk: Buffer) => {
          resolve(chunk.toString());
          req.destroy();
        });
      });
      req.on('error', (err) => (err.message === 'socket hang up' ? undefined : reject(err)));
    });
    expect(first).toBe('url /containerLogs/default/web/app?follow=true\n');
  });

  it('answers validation failures with the API server wording', async () => {
    const cases: Array<[string, number, string]> = [
      [`${PODS}/nope/log`, 404, 'pods "nope" not found'],
      [`${PODS}/multi/log`, 400, 'a container name must be specified for pod multi, choose one of: [a b]'],
      [`${PODS}/web/log?container=x`, 400, 'container x is not valid for pod web'],
      [`${PODS}/pending/log`, 400, 'pod pending does not have a host assigned'],
    ];
    for (const [path, code, message] of cases) {
      const res = await request('GET', path);
      expect({ code: res.status, body: JSON.parse(res.body) }).toMatchObject({ code, body: { kind: 'Status', code, message } });
    }
  });

  it('passes the kubelet refusal through', async () => {
    await api.call('POST', PODS, podManifest('slow', ['waiting'], 'n1'));
    const res = await request('GET', `${PODS}/slow/log`);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ reason: 'BadRequest', message: 'container "waiting" in pod "web" is waiting to start: ContainerCreating' });
  });
});

describe('pods/exec and pods/attach', () => {
  it('relays an exec over v5 including output sent before the handshake completed', async () => {
    const session = await exec(`${PODS}/web/exec?command=echo&command=hi&container=app&stdout=true&stderr=true`, ['v5.channel.k8s.io']);
    expect(session.protocol).toBe('v5.channel.k8s.io');
    expect(channelText(session, Channel.stdout)).toBe('argv echo hi\n');
    expect(outcomeFromStatusPayload(channelText(session, Channel.status))).toEqual({ exitCode: 0 });
    expect(kubelet.requests).toContain('/exec/default/web/app?command=echo&command=hi&stdout=true&stderr=true');
  });

  it('picks v4 for client-node and passes the exit code status through', async () => {
    const session = await exec(`${PODS}/web/exec?command=exit&command=3&stdout=true`, ['v4.channel.k8s.io', 'v5.channel.k8s.io']);
    expect(session.protocol).toBe('v4.channel.k8s.io');
    expect(outcomeFromStatusPayload(channelText(session, Channel.status))).toEqual({ exitCode: 3 });
  });

  it('relays stdin to the kubelet, close signal included', async () => {
    const session = await exec(`${PODS}/multi/attach?container=b&stdin=true&stdout=true`, ['v5.channel.k8s.io'], (ws) => {
      ws.send(encodeFrame(Channel.stdin, 'typed'));
      ws.send(encodeCloseFrame(Channel.stdin));
    });
    expect(channelText(session, Channel.stdout)).toBe('argv \ntyped');
    expect(outcomeFromStatusPayload(channelText(session, Channel.status))).toEqual({ exitCode: 0 });
  });

  it('refuses with a Status before upgrading, and repeats it for the SPDY retry', async () => {
    await expect(exec(`${PODS}/multi/exec?command=sh&container=zzz&stdout=true`, ['v5.channel.k8s.io'])).rejects.toMatchObject({
      status: 400,
      body: { kind: 'Status', reason: 'BadRequest', message: 'container zzz is not valid for pod multi' },
    });
    await api.call('POST', PODS, podManifest('slow', ['waiting'], 'n1'));
    const path = `${PODS}/slow/exec?command=sh&container=waiting&stdout=true`;
    await expect(exec(path, ['v5.channel.k8s.io'])).rejects.toMatchObject({ body: { message: 'container "waiting" in pod "web" is waiting to start: ContainerCreating' } });
    const spdy = await request('POST', path, { Connection: 'Upgrade', Upgrade: 'SPDY/3.1', 'X-Stream-Protocol-Version': 'v5.channel.k8s.io' });
    expect(spdy.status).toBe(400);
    expect(JSON.parse(spdy.body)).toMatchObject({ message: 'container "waiting" in pod "web" is waiting to start: ContainerCreating' });
    const execsAtKubelet = kubelet.requests.filter((r) => r.startsWith('/exec/default/slow'));
    expect(execsAtKubelet).toHaveLength(1);
  });

  it('answers a plain GET on exec with "Upgrade request required"', async () => {
    const res = await request('GET', `${PODS}/web/exec?command=sh`);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ message: 'Upgrade request required' });
  });

  it('still serves other requests that carry an Upgrade header', async () => {
    const res = await request('GET', '/version', { Connection: 'Upgrade, HTTP2-Settings', Upgrade: 'h2c' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ major: '1' });
  });
});
