// A TCP listener for one Service port: each accepted connection gets an endpoint from the picker
// and is piped both ways (half-close passes through: each side's FIN is forwarded). No ready
// endpoint resets the connection at once, as kube-proxy's REJECT rule does, so clients fail fast
// instead of hanging.
import net from 'node:net';
import type { Logger } from 'pino';
import { whenListening } from './listen.js';
import type { Listener, ResolveEndpoint } from './listener-set.js';
import type { ListenerSpec } from './service-table.js';

export async function openTcpListener(spec: ListenerSpec, resolveEndpoint: ResolveEndpoint, log: Logger): Promise<Listener> {
  const connections = new Set<net.Socket>();
  const listener: Listener = {
    route: spec.route,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    destroy: () => {
      server.close();
      for (const socket of connections) socket.destroy();
    },
  };
  const server = net.createServer({ allowHalfOpen: true, noDelay: true }, (client) => {
    const endpoint = resolveEndpoint(listener.route, client.remoteAddress ?? '');
    if (!endpoint) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect({ host: endpoint.ip, port: endpoint.port, allowHalfOpen: true, noDelay: true });
    connections.add(client).add(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    // An error on either side ends both; a reset towards the client tells it the backend failed.
    upstream.on('error', (err) => {
      log.debug({ listener: spec.key, endpoint, err: err.message }, 'upstream connection failed');
      if (!client.destroyed) client.resetAndDestroy();
    });
    client.on('error', () => upstream.destroy());
    upstream.on('close', () => {
      connections.delete(upstream);
      if (!client.destroyed) client.destroy();
    });
    client.on('close', () => {
      connections.delete(client);
      if (!upstream.destroyed) upstream.destroy();
    });
  });
  server.on('error', (err) => log.warn({ listener: spec.key, err: err.message }, 'listener error'));
  await whenListening(server, () => server.listen({ host: spec.address, port: spec.port, exclusive: true }));
  return listener;
}
