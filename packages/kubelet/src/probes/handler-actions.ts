// The three actions probes and lifecycle hooks share: exec in the container, HTTP GET and TCP
// connect against the pod IP. Messages follow the kubelet's prober (pkg/probe/{exec,http,tcp})
// and Go's net error wording, which users see in "Liveness probe failed: ..." events.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { PassThrough } from 'node:stream';
import type { ContainerRuntime } from '../runtime/container-runtime.js';
import type { Container } from '../status/api-types.js';

export interface ActionResult {
  ok: boolean;
  output: string;
}

type PortValue = number | string;

/** A named port is looked up in the container's ports, as the kubelet's prober does. */
export function resolvePort(port: PortValue, container: Container): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

export async function execAction(runtime: ContainerRuntime, containerId: string, command: string[], timeoutMs: number): Promise<ActionResult> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (c: Buffer) => chunks.push(c));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  try {
    const code = await Promise.race([runtime.exec(containerId, command, { stdout: output, stderr: output, tty: false }), timeout]);
    const text = Buffer.concat(chunks).toString('utf8');
    if (code === 'timeout') return { ok: false, output: `command ${JSON.stringify(command.join(' '))} timed out` };
    return { ok: code === 0, output: text };
  } catch (err) {
    return { ok: false, output: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

export interface HttpGetSpec {
  scheme?: string;
  host?: string;
  port: number;
  path?: string;
  headers?: Array<{ name: string; value: string }>;
}

/** GET with the kubelet's headers; 200–399 is success (redirects are not followed here). */
export function httpGetAction(spec: HttpGetSpec, timeoutMs: number): Promise<ActionResult> {
  const scheme = (spec.scheme ?? 'HTTP').toLowerCase() === 'https' ? 'https' : 'http';
  const path = spec.path ? (spec.path.startsWith('/') ? spec.path : `/${spec.path}`) : '/';
  const url = `${scheme}://${spec.host ?? '127.0.0.1'}:${spec.port}${path}`;
  const headers: Record<string, string> = { 'User-Agent': 'kube-probe/1.32', Accept: '*/*' };
  for (const h of spec.headers ?? []) headers[h.name] = h.value;
  const transport = scheme === 'https' ? https : http;
  return new Promise((resolve) => {
    const req = transport.get(url, { headers, timeout: timeoutMs, rejectUnauthorized: false, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const body = Buffer.concat(chunks).toString('utf8').slice(0, 10 * 1024);
        if (status >= 200 && status < 400) resolve({ ok: true, output: body });
        else resolve({ ok: false, output: `HTTP probe failed with statuscode: ${status}` });
      });
      res.on('error', (err) => resolve({ ok: false, output: `Get "${url}": ${err.message}` }));
    });
    req.on('timeout', () => {
      req.destroy();
      resolve({ ok: false, output: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` });
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ ok: false, output: `Get "${url}": ${dialError(spec.host ?? '127.0.0.1', spec.port, err)}` }));
  });
}

export function tcpAction(host: string, port: number, timeoutMs: number): Promise<ActionResult> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (result: ActionResult) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done({ ok: false, output: `dial tcp ${host}:${port}: i/o timeout` }));
    socket.once('connect', () => done({ ok: true, output: '' }));
    socket.once('error', (err: NodeJS.ErrnoException) => done({ ok: false, output: dialError(host, port, err) }));
  });
}

function dialError(host: string, port: number, err: NodeJS.ErrnoException): string {
  if (err.code === 'ECONNREFUSED') return `dial tcp ${host}:${port}: connect: connection refused`;
  if (err.code === 'EHOSTUNREACH') return `dial tcp ${host}:${port}: connect: no route to host`;
  return `dial tcp ${host}:${port}: ${err.message}`;
}
