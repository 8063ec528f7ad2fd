// A UDP relay for one Service port: each client (address:port) gets its own upstream socket to the
// endpoint chosen at its first datagram, so replies find their way back; a flow idle for 30 s is
// dropped (conntrack's UDP timeout is of the same order). Datagrams with no ready endpoint are
// dropped: there is no connection to refuse.
import dgram from 'node:dgram';
import type { Logger } from 'pino';
import { whenListening } from './listen.js';
import type { Listener, ResolveEndpoint } from './listener-set.js';
import type { Endpoint, ListenerSpec } from './service-table.js';

export const UDP_IDLE_TIMEOUT_MS = 30_000;

interface Flow {
  upstream: dgram.Socket;
  endpoint: Endpoint;
  idle: NodeJS.Timeout;
}

export async function openUdpListener(spec: ListenerSpec, resolveEndpoint: ResolveEndpoint, log: Logger, idleTimeoutMs = UDP_IDLE_TIMEOUT_MS): Promise<Listener> {
  const socket = dgram.createSocket({ type: 'udp4' });
  const flows = new Map<string, Flow>();
  const endFlow = (client: string) => {
    const flow = flows.get(client);
    if (!flow) return;
    flows.delete(client);
    clearTimeout(flow.idle);
    flow.upstream.close();
  };
  let closed = false;
  const endAll = () => {
    if (closed) return;
    closed = true;
    for (const client of [...flows.keys()]) endFlow(client);
    socket.close();
  };
  // A relay has no connections to wait for: closing ends its flows too (replies could not reach the clients without the socket).
  const listener: Listener = { route: spec.route, close: async () => endAll(), destroy: endAll };

  const openFlow = (client: string, rinfo: dgram.RemoteInfo): Flow | undefined => {
    const endpoint = resolveEndpoint(listener.route, rinfo.address);
    if (!endpoint) return undefined;
    const upstream = dgram.createSocket({ type: 'udp4' });
    upstream.on('message', (reply, from) => {
      if (from.address !== endpoint.ip || from.port !== endpoint.port) return;
      flows.get(client)?.idle.refresh();
      socket.send(reply, rinfo.port, rinfo.address);
    });
    upstream.on('error', (err) => {
      log.debug({ listener: spec.key, endpoint, err: err.message }, 'udp upstream failed');
      endFlow(client);
    });
    const flow: Flow = { upstream, endpoint, idle: setTimeout(() => endFlow(client), idleTimeoutMs) };
    flows.set(client, flow);
    return flow;
  };

  socket.on('message', (msg, rinfo) => {
    const client = `${rinfo.address}:${rinfo.port}`;
    const flow = flows.get(client) ?? openFlow(client, rinfo);
    if (!flow) return;
    flow.idle.refresh();
    flow.upstream.send(msg, flow.endpoint.port, flow.endpoint.ip);
  });
  socket.on('error', (err) => log.warn({ listener: spec.key, err: err.message }, 'udp listener error'));
  try {
    await whenListening(socket, () => socket.bind({ address: spec.address, port: spec.port, exclusive: true }));
  } catch (err) {
    socket.close();
    throw err;
  }
  return listener;
}
