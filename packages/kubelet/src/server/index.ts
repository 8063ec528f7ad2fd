// The kubelet's own HTTP server: container logs over plain HTTP, exec and attach over WebSocket
// (v5/v4.channel.k8s.io), port-forward over WebSocket (v4.channel.k8s.io framing). The API
// server proxies pods/log, pods/exec, pods/attach and pods/portforward here.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { ApiError, errors, maskSpdyTunnelOffer, negotiatePortForwardProtocol, negotiateStreamProtocol, parsePortForwardPorts, rejectUpgrade, SPDY_PORT_FORWARD_TUNNEL_PROTOCOL } from '@kctl/shared';
import { parseKubeletRequest, queryFlag } from './kubelet-requests.js';
import type { KubeletRequest } from './kubelet-requests.js';
import { serveContainerLogs } from './log-handler.js';
import { runStreamSession } from './exec-session.js';
import { lookupError } from './streaming-backend.js';
import { findPodNetwork } from './pod-network-lookup.js';
import { runPortForwardSession } from './port-forward-session.js';
import { runSpdyPortForwardSession } from './spdy-port-forward-session.js';
import { spawnPortRelay } from './port-relay.js';
import type { StreamingBackend } from './streaming-backend.js';

export type { ContainerLookup, PodNetworkLookup, StreamingBackend } from './streaming-backend.js';

function sendError(res: http.ServerResponse, err: ApiError): void {
  const body = JSON.stringify(err.toStatus());
  res.writeHead(err.code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function toApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : errors.internal((err as Error).message);
}

export interface KubeletServerOptions {
  host: string;
  port: number;
  backend: StreamingBackend;
  /** kctl-shim for port-forward relays; default: next to the code (or $KCTL_SHIM) */
  shimPath?: string;
}

export async function startKubeletServer(opts: KubeletServerOptions): Promise<{ port: number; close(): Promise<void> }> {
  const { backend } = opts;
  // The protocol was negotiated before the handshake (see upgrade below); echo it.
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (offered) => negotiateStreamProtocol(offered) ?? false });
  const portForwardWss = new WebSocketServer({ noServer: true, handleProtocols: (offered) => negotiatePortForwardProtocol(offered) || false });

  const server = http.createServer((req, res) => {
    const target = parseKubeletRequest(req.url ?? '/');
    if (req.url === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
      return;
    }
    if (!target) return sendError(res, errors.pathNotFound());
    if (target.endpoint !== 'containerLogs') return sendError(res, errors.badRequest('Upgrade request required'));
    serveContainerLogs(backend, target, res).catch((err: unknown) => {
      if (!res.headersSent) sendError(res, toApiError(err));
      else res.destroy();
    });
  });

  const portForward = async (req: http.IncomingMessage, socket: Duplex, head: Buffer, target: KubeletRequest) => {
    if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket') throw errors.badRequest('unsupported upgrade protocol: only WebSocket streams are served');
    const protocol = negotiatePortForwardProtocol(req.headers['sec-websocket-protocol']);
    if (protocol === undefined) throw errors.badRequest('unable to upgrade websocket connection: requested protocol(s) are not supported');
    const spdy = protocol === SPDY_PORT_FORWARD_TUNNEL_PROTOCOL;
    let ports: number[] = [];
    try {
      // SPDY names the port per stream; the channel protocol needs them up front.
      if (!spdy) ports = parsePortForwardPorts(target.params.getAll('port'));
    } catch (err) {
      throw errors.badRequest((err as Error).message);
    }
    const network = await findPodNetwork(backend, target.namespace, target.pod);
    if (socket.destroyed) return;
    const session = { podName: target.pod, podUid: network.podUid, openRelay: (port: number) => spawnPortRelay(network.netnsPath, port, opts.shimPath) };
    maskSpdyTunnelOffer(req.headers);
    portForwardWss.handleUpgrade(req, socket, head, (ws) => {
      if (spdy) runSpdyPortForwardSession(ws, session);
      else void runPortForwardSession(ws, { ...session, ports });
    });
  };

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      const target = parseKubeletRequest(req.url ?? '/');
      if (target?.endpoint === 'portForward') {
        portForward(req, socket, head, target).catch((err: unknown) => rejectUpgrade(socket, toApiError(err).toStatus()));
        return;
      }
      if (!target || target.endpoint === 'containerLogs') throw errors.pathNotFound();
      if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket') throw errors.badRequest('unsupported upgrade protocol: only WebSocket streams are served');
      const protocol = negotiateStreamProtocol(req.headers['sec-websocket-protocol']);
      if (!protocol) throw errors.badRequest('no supported stream protocol offered: expected v5.channel.k8s.io or v4.channel.k8s.io');
      const session = prepareSession(backend, target);
      wss.handleUpgrade(req, socket, head, (ws) => {
        void runStreamSession(ws, protocol, session.request, session.task, session.argv);
      });
    } catch (err) {
      rejectUpgrade(socket, toApiError(err).toStatus());
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of [...wss.clients, ...portForwardWss.clients]) client.terminate();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Everything checked before the handshake, so failures reach the client as an HTTP Status. */
function prepareSession(backend: StreamingBackend, target: KubeletRequest) {
  const { params } = target;
  const argv = params.getAll('command');
  if (target.endpoint === 'exec' && argv.length === 0) throw errors.badRequest('you must specify at least one command for the container');
  const request = { stdin: queryFlag(params, 'stdin'), stdout: queryFlag(params, 'stdout'), stderr: queryFlag(params, 'stderr'), tty: queryFlag(params, 'tty') };
  if (!request.stdin && !request.stdout && !request.stderr) throw errors.badRequest('you must specify at least 1 of stdin, stdout, stderr');
  const lookup = backend.findContainer(target.namespace, target.pod, target.container, {});
  if (!lookup.ok) throw lookupError(lookup);
  const { containerId } = lookup;
  if (!lookup.running || !containerId) throw errors.badRequest(`container not found (${JSON.stringify(target.container)})`);
  const task =
    target.endpoint === 'exec'
      ? (io: Parameters<typeof backend.runtime.exec>[2]) => backend.runtime.exec(containerId, argv, io)
      : (io: Parameters<typeof backend.runtime.exec>[2]) => backend.runtime.attach(containerId, io);
  return { request, task, argv };
}
