// The HTTP server's 'upgrade' listener. Once it exists, every request carrying
// `Connection: Upgrade` arrives here instead of at Fastify: pods/exec, pods/attach and
// pods/portforward WebSocket handshakes are proxied to the kubelet; kubectl's SPDY retry gets the Status of the refusal it
// follows; any other upgrade request is handed back to the ordinary request handler.
import http from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { ApiError, errors, negotiateStreamProtocol, rejectUpgrade } from '@kctl/shared';
import type { RegistryContext } from '../../rest/registry-context.js';
import { parseRequestTarget } from '../../rest/request-target.js';
import { toApiError } from '../error-handler.js';
import { resolveStreamTarget } from './stream-target.js';
import { dialKubelet, kubeletStreamUrl } from './kubelet-dial.js';
import { relayWebSockets } from './websocket-relay.js';
import { RecentRefusals } from './recent-refusals.js';
import { PortForwardProxy, portForwardRequest } from './port-forward-upgrade.js';

type StreamKind = 'exec' | 'attach';

function streamKind(ctx: RegistryContext, url: string): { kind: StreamKind; namespace: string; name: string } | undefined {
  try {
    const target = parseRequestTarget(ctx.catalog, url);
    const kind = target.subresource;
    if (target.type.resource !== 'pods' || target.type.group !== '' || (kind !== 'exec' && kind !== 'attach')) return undefined;
    if (!target.namespace || !target.name) return undefined;
    return { kind, namespace: target.namespace, name: target.name };
  } catch {
    return undefined;
  }
}

/** Lets Fastify answer an upgrade request it should have received as a normal request. */
function handOverToRequestHandler(server: http.Server, req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
  if (head.length > 0) socket.unshift(head);
  const res = new http.ServerResponse(req);
  res.shouldKeepAlive = false;
  res.assignSocket(socket as Socket);
  res.on('finish', () => {
    res.detachSocket(socket as Socket);
    socket.end();
  });
  server.emit('request', req, res);
}

export function installPodStreamUpgrades(server: http.Server, ctx: RegistryContext, logger?: { warn(obj: object, msg: string): void }): void {
  const refusals = new RecentRefusals();
  // Subprotocol negotiation happened before the handshake; the handshake only echoes it.
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (offered) => negotiateStreamProtocol(offered) ?? false });

  async function proxy(req: http.IncomingMessage, socket: Duplex, head: Buffer, stream: NonNullable<ReturnType<typeof streamKind>>): Promise<void> {
    const url = req.url ?? '/';
    const isWebSocket = (req.headers.upgrade ?? '').toLowerCase() === 'websocket';
    if (!isWebSocket) {
      // The SPDY retry: repeat the refusal that caused it, else explain what is served.
      const remembered = refusals.take(url);
      if (remembered) return rejectUpgrade(socket, remembered);
    }
    const query = new URL(url, 'http://apiserver').searchParams;
    if (stream.kind === 'exec' && query.getAll('command').length === 0) throw errors.badRequest('you must specify at least 1 command');
    const target = await resolveStreamTarget(ctx, stream.namespace, stream.name, query.get('container') ?? undefined);
    if (!isWebSocket) throw errors.badRequest('unable to upgrade connection: only WebSocket streams (v5.channel.k8s.io, v4.channel.k8s.io) are served');
    const protocol = negotiateStreamProtocol(req.headers['sec-websocket-protocol']);
    if (!protocol) throw errors.badRequest('unable to upgrade connection: no supported stream protocol offered (v5.channel.k8s.io, v4.channel.k8s.io)');
    const upstream = await dialKubelet(kubeletStreamUrl(stream.kind, target, query), protocol);
    if (socket.destroyed) {
      upstream.socket.terminate();
      return;
    }
    wss.handleUpgrade(req, socket, head, (client) => relayWebSockets(client, upstream));
  }

  const portForward = new PortForwardProxy(ctx);

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const forward = portForwardRequest(req.url ?? '/');
    const stream = forward ? undefined : streamKind(ctx, req.url ?? '/');
    if (!stream && !forward) return handOverToRequestHandler(server, req, socket, head);
    socket.on('error', () => socket.destroy());
    const proxied = forward ? portForward.proxy(req, socket, head, forward) : proxy(req, socket, head, stream!);
    proxied.catch((err: unknown) => {
      const apiError = err instanceof ApiError ? err : toApiError(err);
      if (apiError.code >= 500) logger?.warn({ err, url: req.url }, 'pod stream failed');
      const status = apiError.toStatus();
      if ((req.headers.upgrade ?? '').toLowerCase() === 'websocket') refusals.remember(req.url ?? '/', status);
      rejectUpgrade(socket, status);
    });
  });
}
