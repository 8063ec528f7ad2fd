// A small REST client over node:http (global fetch costs ~80 ms of CLI start-up). Errors come
// back as ApiError built from the server's Status, so callers print them like kubectl.
import http from 'node:http';
import type https from 'node:https';
import { createRequire } from 'node:module';
import { ApiError } from '../api/api-errors.js';
import { isStatus } from '../api/object-types.js';
import type { KubernetesObject, WatchEvent } from '../api/object-types.js';
import type { ClusterConnection } from './kubeconfig.js';
import { readWatchEvents } from './watch-stream.js';

export type Query = Record<string, string | number | boolean | string[] | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** defaults to application/json when there is a body */
  contentType?: string;
  accept?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export const TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

export function encodeQuery(query: Query | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

export class ApiClient {
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly transport: typeof http | typeof https;

  constructor(readonly connection: ClusterConnection, opts: { keepAlive?: boolean; userAgent?: string } = {}) {
    this.base = new URL(connection.server);
    const secure = this.base.protocol === 'https:';
    // node:https costs a few ms to load; a CLI talking plain HTTP never needs it.
    this.transport = secure ? (createRequire(import.meta.url)('node:https') as typeof https) : http;
    const agentOptions: https.AgentOptions = { keepAlive: opts.keepAlive ?? true };
    if (secure) {
      agentOptions.rejectUnauthorized = !connection.insecureSkipTlsVerify;
      if (connection.caData) agentOptions.ca = Buffer.from(connection.caData, 'base64');
      if (connection.clientCertData) agentOptions.cert = Buffer.from(connection.clientCertData, 'base64');
      if (connection.clientKeyData) agentOptions.key = Buffer.from(connection.clientKeyData, 'base64');
    }
    this.agent = secure ? new (this.transport as typeof https).Agent(agentOptions) : new http.Agent(agentOptions);
    this.userAgent = opts.userAgent ?? 'kctl/v0.1.0';
  }

  private readonly userAgent: string;

  get namespace(): string {
    return this.connection.namespace;
  }

  /** Opens a request and resolves with the response stream (for watches, logs). */
  open(method: string, path: string, opts: RequestOptions = {}): Promise<http.IncomingMessage> {
    const headers: Record<string, string> = { 'User-Agent': this.userAgent, Accept: opts.accept ?? 'application/json', ...opts.headers };
    let payload: Buffer | undefined;
    if (opts.body !== undefined) {
      payload = Buffer.isBuffer(opts.body)
        ? opts.body
        : Buffer.from(typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body));
      headers['Content-Type'] = opts.contentType ?? 'application/json';
      headers['Content-Length'] = String(payload.length);
    }
    if (this.connection.token) headers.Authorization = `Bearer ${this.connection.token}`;
    const basePath = this.base.pathname.replace(/\/+$/, '');
    return new Promise((resolve, reject) => {
      const req = this.transport.request(
        {
          protocol: this.base.protocol,
          hostname: this.base.hostname,
          port: this.base.port,
          method,
          path: basePath + path + encodeQuery(opts.query),
          headers,
          agent: this.agent,
          signal: opts.signal,
        },
        resolve,
      );
      req.on('error', (err: NodeJS.ErrnoException) => reject(connectionError(err, this.connection.server)));
      req.end(payload);
    });
  }

  async raw(method: string, path: string, opts: RequestOptions = {}): Promise<RawResponse> {
    const res = await this.open(method, path, opts);
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    return { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) };
  }

  /** Sends a request and returns the parsed JSON body; a non-2xx answer throws ApiError. */
  async request<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const res = await this.raw(method, path, opts);
    const text = res.body.toString('utf8');
    if (res.status >= 200 && res.status < 300) {
      return (text ? JSON.parse(text) : undefined) as T;
    }
    throw errorFromResponse(res.status, text);
  }

  get<T = KubernetesObject>(path: string, query?: Query, accept?: string): Promise<T> {
    return this.request<T>('GET', path, { query, ...(accept ? { accept } : {}) });
  }

  create<T = KubernetesObject>(path: string, body: unknown, query?: Query): Promise<T> {
    return this.request<T>('POST', path, { body, query });
  }

  replace<T = KubernetesObject>(path: string, body: unknown, query?: Query): Promise<T> {
    return this.request<T>('PUT', path, { body, query });
  }

  patch<T = KubernetesObject>(path: string, body: unknown, contentType: string, query?: Query): Promise<T> {
    return this.request<T>('PATCH', path, { body, contentType, query });
  }

  delete<T = KubernetesObject>(path: string, body?: unknown, query?: Query): Promise<T> {
    return this.request<T>('DELETE', path, { body, query });
  }

  /** Streams watch events until the server ends the response or the signal aborts. */
  async *watch<T = KubernetesObject>(path: string, query: Query = {}, opts: { signal?: AbortSignal; accept?: string } = {}): AsyncGenerator<WatchEvent<T>> {
    const res = await this.open('GET', path, { query: { ...query, watch: 'true' }, ...opts });
    if ((res.statusCode ?? 0) >= 300) {
      const chunks: Buffer[] = [];
      for await (const chunk of res) chunks.push(chunk as Buffer);
      throw errorFromResponse(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'));
    }
    yield* readWatchEvents<T>(res, opts.signal);
  }

  close(): void {
    this.agent.destroy();
  }
}

export function errorFromResponse(status: number, text: string): ApiError {
  try {
    const body = JSON.parse(text) as unknown;
    if (isStatus(body)) return ApiError.fromStatus({ ...body, code: body.code || status });
  } catch {
    // not JSON: fall through to kubectl's generic wording
  }
  if (status === 404) return new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  return new ApiError(
    status,
    status >= 500 ? 'InternalError' : 'BadRequest',
    `an error on the server (${JSON.stringify(text.trim())}) has prevented the request from succeeding`,
  );
}

function connectionError(err: NodeJS.ErrnoException, server: string): Error {
  if (err.name === 'AbortError') return err;
  const url = new URL(server);
  if (err.code === 'ECONNREFUSED') {
    return new Error(`The connection to the server ${url.host} was refused - did you specify the right host or port?`);
  }
  return new Error(`Unable to connect to the server: ${err.message}`);
}
