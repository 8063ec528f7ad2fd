// Chooses the endpoint for a new connection (TCP) or client flow (UDP): round robin over a Service
// port's ready endpoints, or with ClientIP session affinity the client's previous endpoint while it
// is still ready and the affinity has not timed out — kube-proxy's userspace mode did the same.
import type { Endpoint, Route } from './service-table.js';

interface Affinity {
  endpoint: Endpoint;
  lastUsedMs: number;
}

const sameEndpoint = (a: Endpoint, b: Endpoint) => a.ip === b.ip && a.port === b.port;

export class EndpointPicker {
  private readonly cursor = new Map<string, number>();
  /** by backend, then client IP */
  private readonly affinity = new Map<string, Map<string, Affinity>>();

  constructor(private readonly now: () => number = Date.now) {}

  pick(route: Route, endpoints: readonly Endpoint[], clientIp: string): Endpoint | undefined {
    if (endpoints.length === 0) return undefined;
    const timeout = route.affinityTimeoutMs;
    const clients = timeout !== undefined ? this.affinityOf(route.backend) : undefined;
    const now = this.now();
    const held = clients?.get(clientIp);
    if (held && timeout !== undefined && now - held.lastUsedMs <= timeout && endpoints.some((e) => sameEndpoint(e, held.endpoint))) {
      held.lastUsedMs = now;
      return held.endpoint;
    }
    const index = (this.cursor.get(route.backend) ?? 0) % endpoints.length;
    this.cursor.set(route.backend, index + 1);
    const endpoint = endpoints[index]!;
    clients?.set(clientIp, { endpoint, lastUsedMs: now });
    return endpoint;
  }

  /** Drops state of backends that are gone and affinities that have timed out. */
  prune(liveBackends: ReadonlySet<string>, timeoutOf: (backend: string) => number | undefined): void {
    for (const backend of this.cursor.keys()) if (!liveBackends.has(backend)) this.cursor.delete(backend);
    const now = this.now();
    for (const [backend, clients] of this.affinity) {
      const timeout = liveBackends.has(backend) ? timeoutOf(backend) : undefined;
      if (timeout === undefined) {
        this.affinity.delete(backend);
        continue;
      }
      for (const [ip, held] of clients) if (now - held.lastUsedMs > timeout) clients.delete(ip);
    }
  }

  private affinityOf(backend: string): Map<string, Affinity> {
    let clients = this.affinity.get(backend);
    if (!clients) this.affinity.set(backend, (clients = new Map()));
    return clients;
  }
}
