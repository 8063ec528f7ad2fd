// The exec client against an in-process WebSocket server playing the API server.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough, Writable } from 'node:stream';
import { WebSocketServer } from 'ws';
import { Channel, ChannelDemux, encodeFrame, execExitCodeStatus, negotiateStreamProtocol, rejectUpgrade, STREAM_PROTOCOL_V5 } from '@kctl/shared';
import { runRemoteCommand } from './remote-command.js';
import { resolveTty, sessionQuery } from './pod-session.js';
import { ttyForContainer } from '../attach.js';

let server: http.Server;
let port: number;
let seen: { url: string; protocol: string; stdin: string; stdinClosed: boolean; resizes: string[] };

beforeEach(async () => {
  seen = { url: '', protocol: '', stdin: '', stdinClosed: false, resizes: [] };
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (offered) => negotiateStreamProtocol(offered) ?? false });
  server = http.createServer();
  server.on('upgrade', (req, socket, head) => {
    if (req.url?.includes('/missing/')) {
      return rejectUpgrade(socket, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 404, reason: 'NotFound', message: 'pods "missing" not found' });
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      seen.url = req.url ?? '';
      seen.protocol = ws.protocol;
      const argv = new URL(req.url ?? '', 'http://x').searchParams.getAll('command');
      const end = () => {
        ws.send(encodeFrame(Channel.stdout, 'out\n'));
        ws.send(encodeFrame(Channel.stderr, 'err\n'));
        const code = Number(argv.at(-1)) || 0;
        ws.send(encodeFrame(Channel.status, JSON.stringify(code ? execExitCodeStatus(code) : { metadata: {}, status: 'Success' })));
        ws.close(1000);
      };
      const demux = new ChannelDemux(STREAM_PROTOCOL_V5)
        .route(Channel.stdin, (p) => (seen.stdin += p.toString()), () => {
          seen.stdinClosed = true;
          end();
        })
        .route(Channel.resize, (p) => seen.resizes.push(p.toString()));
      ws.on('message', (data: Buffer) => demux.receive(data));
      if (!req.url?.includes('stdin=true')) end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function sink(): Writable & { text(): string } {
  const chunks: Buffer[] = [];
  const w = new Writable({
    write(chunk: Buffer, _e, cb) {
      chunks.push(chunk);
      cb();
    },
  });
  return Object.assign(w, { text: () => Buffer.concat(chunks).toString() });
}

const connection = () => ({ server: `http://127.0.0.1:${port}`, namespace: 'default' });

describe('runRemoteCommand', () => {
  it('offers v5, writes stdout and stderr, and reads the exit code from the status channel', async () => {
    const stdout = sink();
    const stderr = sink();
    const outcome = await runRemoteCommand({ connection: connection(), path: '/api/v1/namespaces/default/pods/web/exec', query: { command: ['sh', '-c', '3'], stdout: 'true', stderr: 'true' }, stdout, stderr });
    expect(outcome).toEqual({ exitCode: 3 });
    expect(seen.protocol).toBe('v5.channel.k8s.io');
    expect(seen.url).toBe('/api/v1/namespaces/default/pods/web/exec?command=sh&command=-c&command=3&stdout=true&stderr=true');
    expect(stdout.text()).toBe('out\n');
    expect(stderr.text()).toBe('err\n');
  });

  it('sends stdin, then the close signal at EOF, and terminal sizes', async () => {
    const stdin = new PassThrough();
    const done = runRemoteCommand({
      connection: connection(),
      path: '/api/v1/namespaces/default/pods/web/exec',
      query: { command: 'cat', stdin: 'true', stdout: 'true', tty: 'true' },
      stdin,
      stdout: sink(),
      sizes: { current: () => ({ cols: 80, rows: 24 }), onChange: () => () => undefined },
    });
    stdin.end('typed\n');
    expect(await done).toEqual({ exitCode: 0 });
    expect(seen).toMatchObject({ stdin: 'typed\n', stdinClosed: true, resizes: ['{"Width":80,"Height":24}\n'] });
  });

  it('rejects with the server Status when the upgrade is refused', async () => {
    await expect(runRemoteCommand({ connection: connection(), path: '/api/v1/namespaces/default/pods/missing/exec', query: {}, stdout: sink() })).rejects.toMatchObject({
      code: 404,
      reason: 'NotFound',
      message: 'pods "missing" not found',
    });
  });
});

describe('exec/attach TTY rules', () => {
  it('needs -i and a terminal for a TTY', () => {
    const warnings: string[] = [];
    expect(resolveTty(true, false, true, (l) => warnings.push(l))).toBe(false);
    expect(resolveTty(true, true, false, (l) => warnings.push(l))).toBe(false);
    expect(resolveTty(true, true, true, (l) => warnings.push(l))).toBe(true);
    expect(warnings).toEqual(['Unable to use a TTY - input is not a terminal or the right kind of file']);
  });

  it('builds kubectl\'s query: no stderr with a TTY', () => {
    expect(sessionQuery({ container: 'c', command: ['ls'], stdin: false }, false)).toEqual({ command: ['ls'], container: 'c', stdout: 'true', stderr: 'true' });
    expect(sessionQuery({ container: 'c', stdin: true }, true)).toEqual({ container: 'c', stdin: 'true', stdout: 'true', tty: 'true' });
  });

  it('follows the container\'s own TTY on attach', () => {
    const warnings: string[] = [];
    expect(ttyForContainer(true, { name: 'c' }, (l) => warnings.push(l))).toBe(false);
    expect(ttyForContainer(false, { name: 'c', tty: true }, () => undefined)).toBe(true);
    expect(warnings).toEqual(['error: Unable to use a TTY - container c did not allocate one']);
  });
});
