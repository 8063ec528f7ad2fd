// The Service proxy assembled: informers on Services and EndpointSlices feed a ServiceTable that is
// rebuilt (coalesced, one per event-loop turn) on every change; one ListenerSet binds the wanted
// TCP listeners and UDP relays, whose connections take endpoints from the picker; the DNS server
// answers from the same table.
import { Informer, defaultCatalog } from '@kctl/shared';
import type { ApiClient, BackoffOptions, Service } from '@kctl/shared';
import type { Logger } from 'pino';
import { DnsServer } from './dns/dns-server.js';
import { EndpointPicker } from './endpoint-picker.js';
import type { Ipv4Cidr } from './ipv4.js';
import { ListenerSet } from './listener-set.js';
import type { Listener } from './listener-set.js';
import { buildServiceTable } from './service-table.js';
import type { EndpointSlice, ListenerSpec, ServiceTable } from './service-table.js';
import { openTcpListener } from './tcp-proxy.js';
import { openUdpListener } from './udp-proxy.js';

export interface ServiceProxyOptions {
  client: ApiClient;
  logger: Logger;
  serviceCidr: Ipv4Cidr;
  /** whether the service range is routed to this machine (the AnyIP route is in place): only then can ClusterIPs and DNS be bound */
  serviceRangeLocal: boolean;
  nodePortAddress: string;
  clusterDomain: string;
  dnsAddress: string;
  /** 53 by default */
  dnsPort?: number;
  reconnectBackoff?: BackoffOptions;
  /** how long a failed bind waits before it is tried again */
  bindRetryMs?: number;
  udpIdleTimeoutMs?: number;
}

const EMPTY_TABLE: ServiceTable = { listeners: [], backends: new Map(), services: new Map() };

export class ServiceProxy {
  private readonly log: Logger;
  private readonly services: Informer<Service>;
  private readonly slices: Informer<EndpointSlice>;
  private readonly listeners: ListenerSet;
  private readonly picker = new EndpointPicker();
  private readonly dns: DnsServer | undefined;
  private table = EMPTY_TABLE;
  private rebuildScheduled = false;
  private synced = false;
  private stopped = false;

  constructor(private readonly opts: ServiceProxyOptions) {
    this.log = opts.logger;
    const informerOpts = {
      ...(opts.reconnectBackoff ? { reconnectBackoff: opts.reconnectBackoff } : {}),
      onHandlerError: (err: unknown) => this.log.error({ err }, 'informer handler failed'),
    };
    this.services = new Informer<Service>(opts.client, defaultCatalog.resolve('services')!, informerOpts);
    this.slices = new Informer<EndpointSlice>(opts.client, defaultCatalog.resolve('endpointslices')!, informerOpts);
    for (const informer of [this.services, this.slices] as const) {
      const changed = () => this.scheduleRebuild();
      informer.onAdd(changed);
      informer.onUpdate(changed);
      informer.onDelete(changed);
    }
    const resolve = (route: Listener['route'], clientIp: string) => this.picker.pick(route, this.table.backends.get(route.backend) ?? [], clientIp);
    this.listeners = new ListenerSet({
      logger: this.log,
      ...(opts.bindRetryMs !== undefined ? { retryMs: opts.bindRetryMs } : {}),
      open: (spec: ListenerSpec) => (spec.protocol === 'TCP' ? openTcpListener(spec, resolve, this.log) : openUdpListener(spec, resolve, this.log, opts.udpIdleTimeoutMs)),
    });
    this.dns = opts.serviceRangeLocal
      ? new DnsServer({ address: opts.dnsAddress, ...(opts.dnsPort !== undefined ? { port: opts.dnsPort } : {}), logger: this.log, zone: () => ({ domain: opts.clusterDomain, services: this.table.services }) })
      : undefined;
  }

  /** True once the caches are synced and the first table is served. */
  get ready(): boolean {
    return this.synced;
  }

  /** The DNS server's port, when it runs. */
  get dnsPort(): number | undefined {
    return this.dns?.port;
  }

  /** The bound listeners' keys (PROTOCOL/address:port), sorted. */
  listenerKeys(): string[] {
    return this.listeners.keys();
  }

  /** Resolves once the caches are synced, the listeners bound and DNS is answering. */
  async start(): Promise<void> {
    if (!this.opts.serviceRangeLocal) this.log.warn({ serviceCidr: this.opts.serviceCidr.text }, 'service range is not routed here: serving NodePorts only, no ClusterIPs and no DNS');
    await Promise.all([this.services.start(), this.slices.start()]);
    if (this.stopped) return;
    await this.rebuild();
    // DNS starts on a full table only: an NXDOMAIN for a Service not yet listed would be cached.
    await this.dns?.start();
    this.synced = true;
    this.log.info({ services: this.table.services.size, listeners: this.listeners.keys().length }, 'service proxy synced');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.services.stop();
    this.slices.stop();
    await this.listeners.destroyAll();
    await this.dns?.stop();
  }

  private scheduleRebuild(): void {
    if (this.rebuildScheduled) return;
    this.rebuildScheduled = true;
    setImmediate(() => {
      this.rebuildScheduled = false;
      void this.rebuild();
    });
  }

  private async rebuild(): Promise<void> {
    if (this.stopped) return;
    const table = buildServiceTable(this.services.list(), this.slices.list(), {
      nodePortAddress: this.opts.nodePortAddress,
      ...(this.opts.serviceRangeLocal ? { clusterIPRange: this.opts.serviceCidr } : {}),
    });
    this.table = table;
    const routes = new Map(table.listeners.map((l) => [l.route.backend, l.route.affinityTimeoutMs]));
    this.picker.prune(new Set(table.backends.keys()), (backend) => routes.get(backend));
    await this.listeners.sync(table.listeners);
  }
}
