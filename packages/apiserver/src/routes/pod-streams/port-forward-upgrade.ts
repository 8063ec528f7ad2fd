// pods/portforward over WebSocket: the client's `?ports=` become the kubelet's `?port=`, the
// kubelet's socket is opened first (so its refusal is still an HTTP Status), then messages are
// relayed untouched: v4.channel.k8s.io framing (or no subprotocol), or the SPDY/3.1 tunnel of
// real kubectl, which the kubelet speaks itself, as Kubernetes' API server tunnels it through.
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { errors, negotiatePortForwardProtocol, parsePortForwardPorts, SPDY_PORT_FORWARD_TUNNEL_PROTOCOL, STREAM_PROTOCOL_V4 } from '@kctl/shared';
import type { RegistryContext } from '../../rest/registry-context.js';
import { resolvePortForwardTarget } from './stream-target.js';
import { dialKubelet, kubeletPortForwardUrl } from './kubelet-dial.js';
import { relayWebSockets } from './websocket-relay.js';
import { tunnelUpgrade } from './upgrade-tunnel.js';

export interface PortForwardRequest {
  namespace: string;
  name: string;
}

const PORT_FORWARD_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/portforward\/?$/;

/** /api/v1/namespaces/NS/pods/NAME/portforward, else undefined. */
export function portForwardRequest(url: string): PortForwardRequest | undefined {
  const match = PORT_FORWARD_PATH.exec(new URL(url, 'http://apiserver').pathname);
  if (!match) return undefined;
  try {
    return { namespace: decodeURIComponent(match[1] as string), name: decodeURIComponent(match[2] as string) };
  } catch {
    return undefined;
  }
}

export class PortForwardProxy {
  private readonly wss = new WebSocketServer({ noServer: true, handleProtocols: (offered) => negotiatePortForwardProtocol(offered) || false });

  constructor(private readonly ctx: RegistryContext) {}

  /** Rejects (to be answered as a Status) before the handshake when anything is wrong. */
  async proxy(req: http.IncomingMessage, socket: Duplex, head: Buffer, target: PortForwardRequest): Promise<void> {
    const query = new URL(req.url ?? '/', 'http://apiserver').searchParams;
    const isWebSocket = (req.headers.upgrade ?? '').toLowerCase() === 'websocket';
    const protocol = isWebSocket ? negotiatePortForwardProtocol(req.headers['sec-websocket-protocol']) : undefined;
    const spdy = protocol === SPDY_PORT_FORWARD_TUNNEL_PROTOCOL;
    let ports: number[] = [];
    try {
      // Tunnelled SPDY names the port in each stream's headers instead.
      if (!spdy) ports = parsePortForwardPorts(query.getAll('ports'), 'ports');
    } catch (err) {
      throw errors.badRequest((err as Error).message);
    }
    const stream = await resolvePortForwardTarget(this.ctx, target.namespace, target.name);
    if (!isWebSocket) throw errors.badRequest('unable to upgrade connection: only WebSocket port forwarding (v4.channel.k8s.io, SPDY/3.1+portforward.k8s.io) is served');
    if (protocol === undefined) throw errors.badRequest('unable to upgrade connection: no supported port-forward protocol offered (v4.channel.k8s.io, SPDY/3.1+portforward.k8s.io)');
    const url = kubeletPortForwardUrl(stream, ports);
    // The SPDY tunnel goes through as bytes; the kubelet speaks SPDY itself.
    if (spdy) return tunnelUpgrade(req, socket, head, stream.kubelet, url.slice(url.indexOf('/', url.indexOf('//') + 2)));
    // Channel framing reaches the kubelet as v4 (identical to "no subprotocol").
    const upstream = await dialKubelet(url, STREAM_PROTOCOL_V4);
    if (socket.destroyed) {
      upstream.socket.terminate();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (client) => relayWebSockets(client, upstream));
  }
}
