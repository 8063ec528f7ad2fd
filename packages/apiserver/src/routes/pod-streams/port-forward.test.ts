// pods/portforward through a listening API server to the stub kubelet: the client's `ports`
// become the kubelet's `port`, channel-framed sockets are relayed, kubectl's SPDY tunnel is
// passed through to the kubelet's /portForward path, refusals come back as a Status.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import WebSocket from 'ws';
import { apiFixture } from '../../test-support/api-fixture.test-support.js';
import type { ApiFixture } from '../../test-support/api-fixture.test-support.js';
import { startStubKubelet } from './stub-kubelet.test-support.js';
import type { StubKubelet } from './stub-kubelet.test-support.js';

let api: ApiFixture;
let kubelet: StubKubelet;
let port: number;

const PODS = '/api/v1/namespaces/default/pods';
const pod = (name: string, nodeName?: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: 'app', image: 'busybox' }] } });

beforeEach(async () => {
  kubelet = await startStubKubelet();
  api = await apiFixture();
  port = Number(new URL(await api.app.listen({ port: 0, host: '127.0.0.1' })).port);
  await api.call('POST', '/api/v1/nodes', {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'n1' },
    status: { addresses: [{ type: 'InternalIP', address: '127.0.0.1' }], daemonEndpoints: { kubeletEndpoint: { Port: kubelet.port } } },
  });
  await api.call('POST', PODS, pod('web', 'n1'));
  await api.call('POST', PODS, pod('pending'));
});
afterEach(async () => {
  await api.close();
  await kubelet.close();
});

function open(path: string, protocols: string[]): Promise<{ protocol: string; frames: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, protocols);
    let frames = 0;
    ws.on('message', () => frames++);
    ws.on('close', () => resolve({ protocol: ws.protocol, frames }));
    ws.on('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => reject(Object.assign(new Error('rejected'), { status: res.statusCode, body: JSON.parse(Buffer.concat(chunks).toString()) })));
    });
    ws.on('error', reject);
  });
}

describe('pods/portforward', () => {
  it('relays a v4.channel.k8s.io socket to the kubelet with ports as port', async () => {
    const session = await open(`${PODS}/web/portforward?ports=8080&ports=9090`, ['v5.channel.k8s.io', 'v4.channel.k8s.io']);
    expect(session.protocol).toBe('v4.channel.k8s.io');
    expect(session.frames).toBeGreaterThan(0);
    expect(kubelet.requests).toContain('/portForward/default/web?port=8080&port=9090');
  });

  it('refuses what cannot be forwarded before the handshake', async () => {
    await expect(open(`${PODS}/web/portforward`, ['v4.channel.k8s.io'])).rejects.toMatchObject({ status: 400, body: { message: 'query parameter "ports" is required' } });
    await expect(open(`${PODS}/web/portforward?ports=0`, ['v4.channel.k8s.io'])).rejects.toMatchObject({ status: 400, body: { message: 'port "0" must be > 0' } });
    await expect(open(`${PODS}/pending/portforward?ports=80`, ['v4.channel.k8s.io'])).rejects.toMatchObject({ status: 400, body: { message: 'pod pending does not have a host assigned' } });
    await expect(open(`${PODS}/nope/portforward?ports=80`, ['v4.channel.k8s.io'])).rejects.toMatchObject({ status: 404, body: { reason: 'NotFound' } });
    await expect(open(`${PODS}/web/portforward?ports=80`, ['v5.channel.k8s.io'])).rejects.toMatchObject({ status: 400 });
  });

  it("passes kubectl's SPDY tunnel through to the kubelet's /portForward (no ports needed)", async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write(
          `GET ${PODS}/web/portforward HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n` +
            'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: SPDY/3.1+portforward.k8s.io\r\n\r\n',
        );
      });
      let text = '';
      socket.on('data', (c: Buffer) => (text += c.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
      setTimeout(() => socket.destroy(), 500);
    });
    // The stub kubelet's WebSocket library refuses the name; the request got there unchanged.
    expect(kubelet.requests).toContain('/portForward/default/web?');
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
  });
});
