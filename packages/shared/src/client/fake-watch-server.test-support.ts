// A tiny API server for one collection (/api/v1/namespaces/default/pods) speaking the list and
// watch protocol, with knobs the real one has no reason to expose: forget history (410), send a
// bookmark, drop every connection, go down and come back on the same port.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { KubernetesObject, WatchEvent } from '../api/object-types.js';

export const PODS_PATH = '/api/v1/namespaces/default/pods';

interface LoggedEvent {
  rv: number;
  event: WatchEvent;
}

export class FakeWatchServer {
  private server: http.Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly watchers = new Set<{ res: http.ServerResponse; from: number }>();
  private readonly objects = new Map<string, KubernetesObject>();
  private readonly log: LoggedEvent[] = [];
  private revision = 100;
  /** watches from below this revision answer 410 Expired */
  oldestResumable = 0;
  port = 0;
  lists = 0;
  watches: string[] = [];

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async listen(): Promise<void> {
    const server = http.createServer((req, res) => this.handle(req, res));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Goes down hard: every connection is cut and new ones are refused. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.watchers.clear();
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  put(name: string, data: Record<string, unknown> = {}): KubernetesObject {
    const existed = this.objects.has(name);
    const obj = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', resourceVersion: String(++this.revision) }, ...data };
    this.objects.set(name, obj);
    this.publish({ type: existed ? 'MODIFIED' : 'ADDED', object: obj });
    return obj;
  }

  remove(name: string): void {
    const obj = this.objects.get(name);
    if (!obj) return;
    this.objects.delete(name);
    this.publish({ type: 'DELETED', object: { ...obj, metadata: { ...obj.metadata, resourceVersion: String(++this.revision) } } });
  }

  /** Changes the store without telling current watchers (as if their stream had lagged). */
  putSilently(name: string, data: Record<string, unknown> = {}): void {
    this.objects.set(name, { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', resourceVersion: String(++this.revision) }, ...data });
  }

  removeSilently(name: string): void {
    this.objects.delete(name);
    this.revision++;
  }

  /** Forgets all history: any resume from an older revision gets 410 Expired. */
  compact(): void {
    this.oldestResumable = this.revision;
    this.log.length = 0;
  }

  bookmark(): void {
    for (const w of this.watchers) this.write(w.res, { type: 'BOOKMARK', object: { kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: String(this.revision) } } });
  }

  /** Ends every open watch cleanly, as a server-side timeout does. */
  endWatches(): void {
    for (const w of this.watchers) w.res.end();
    this.watchers.clear();
  }

  get openWatches(): number {
    return this.watchers.size;
  }

  private publish(event: WatchEvent): void {
    this.log.push({ rv: this.revision, event });
    for (const w of this.watchers) this.write(w.res, event);
  }

  private write(res: http.ServerResponse, event: WatchEvent): void {
    res.write(`${JSON.stringify(event)}\n`);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    if (url.pathname !== PODS_PATH) {
      res.writeHead(404).end();
      return;
    }
    if (url.searchParams.get('watch') !== 'true') {
      this.lists++;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ apiVersion: 'v1', kind: 'PodList', metadata: { resourceVersion: String(this.revision) }, items: [...this.objects.values()].map(({ apiVersion: _a, kind: _k, ...rest }) => rest) }));
      return;
    }
    const from = Number(url.searchParams.get('resourceVersion') ?? '0');
    this.watches.push(url.search);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.flushHeaders();
    if (from < this.oldestResumable) {
      const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${from} (${this.oldestResumable})`, reason: 'Expired', code: 410 };
      res.end(`${JSON.stringify({ type: 'ERROR', object: status })}\n`);
      return;
    }
    const watcher = { res, from };
    for (const { rv, event } of this.log) if (rv > from) this.write(res, event);
    this.watchers.add(watcher);
    req.on('close', () => this.watchers.delete(watcher));
  }
}
