// An in-process stand-in for a kubelet's streaming server: logs echo the query they got, exec
// echoes its argv and stdin, and the container named "waiting" is refused the way a kubelet
// refuses a container that has not started.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { Channel, ChannelDemux, encodeFrame, execExitCodeStatus, negotiateStreamProtocol, rejectUpgrade } from '@kctl/shared';
import type { StreamProtocol } from '@kctl/shared';

export interface StubKubelet {
  port: number;
  requests: string[];
  close(): Promise<void>;
}

const WAITING = { kind: 'Status' as const, apiVersion: 'v1' as const, metadata: {}, status: 'Failure' as const, code: 400, reason: 'BadRequest', message: 'container "waiting" in pod "web" is waiting to start: ContainerCreating' };

export async function startStubKubelet(): Promise<StubKubelet> {
  const requests: string[] = [];
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (offered) => negotiateStreamProtocol(offered) ?? false });
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url?.includes('/waiting')) {
      res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify(WAITING));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.flushHeaders();
    res.write(`url ${req.url}\n`);
    // A follower stays open until the client leaves, like a running container's log.
    if (!req.url?.includes('follow=true')) res.end();
  });
  server.on('upgrade', (req, socket, head) => {
    requests.push(req.url ?? '');
    if (req.url?.includes('/waiting')) return rejectUpgrade(socket, WAITING);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const protocol = ws.protocol as StreamProtocol;
      const url = new URL(req.url ?? '/', 'http://stub');
      const argv = url.searchParams.getAll('command');
      // Output immediately: it must not be lost while the API server finishes its handshake.
      ws.send(encodeFrame(Channel.stdout, `argv ${argv.join(' ')}\n`));
      const finish = () => {
        const code = Number(argv.at(-1)) || 0;
        ws.send(encodeFrame(Channel.status, JSON.stringify(code ? execExitCodeStatus(code, argv) : { metadata: {}, status: 'Success' })));
        ws.close(1000);
      };
      if (url.searchParams.get('stdin') !== 'true') return finish();
      const demux = new ChannelDemux(protocol).route(
        Channel.stdin,
        (payload) => ws.send(encodeFrame(Channel.stdout, payload)),
        finish,
      );
      ws.on('message', (data: Buffer) => demux.receive(data));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
