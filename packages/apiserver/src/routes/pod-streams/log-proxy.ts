// pods/NAME/log: forwards the PodLogOptions to the kubelet's /containerLogs and streams its
// answer back unchanged, headers flushed at once so `logs -f` shows lines as they come.
import http from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, errors, errorFromResponse } from '@kctl/shared';
import type { Query } from '../../rest/request-options.js';
import { queryValue } from '../../rest/request-options.js';
import type { StreamTarget } from './stream-target.js';
import { kubeletOrigin } from './stream-target.js';

const LOG_PARAMETERS = ['follow', 'previous', 'tailLines', 'sinceSeconds', 'sinceTime', 'timestamps', 'limitBytes'];

export function kubeletLogUrl(target: StreamTarget, query: Query): string {
  const params = new URLSearchParams();
  for (const name of LOG_PARAMETERS) {
    const value = queryValue(query, name);
    if (value !== undefined && value !== '') params.set(name, value);
  }
  const path = [target.namespace, target.pod, target.container].map(encodeURIComponent).join('/');
  const search = params.toString();
  return `${kubeletOrigin(target.kubelet, 'http')}/containerLogs/${path}${search ? `?${search}` : ''}`;
}

function readBody(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}

/** The failure to reach a kubelet, worded like the API server's dial errors. */
export function unreachableKubelet(url: string, err: Error): ApiError {
  return errors.serviceUnavailable(`Get ${JSON.stringify(url)}: ${err.message}`);
}

export async function proxyLogs(target: StreamTarget, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const url = kubeletLogUrl(target, request.query as Query);
  const upstream = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = http.get(url, resolve);
    req.on('error', (err) => reject(unreachableKubelet(url, err)));
    // The client leaving ends the kubelet request too (a follower would otherwise linger).
    reply.raw.once('close', () => req.destroy());
  });
  if (upstream.statusCode !== 200) throw errorFromResponse(upstream.statusCode ?? 500, await readBody(upstream));
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, { 'Content-Type': upstream.headers['content-type'] ?? 'text/plain', 'Cache-Control': 'no-cache' });
  raw.flushHeaders();
  upstream.on('data', (chunk: Buffer) => {
    if (!raw.write(chunk)) {
      upstream.pause();
      raw.once('drain', () => upstream.resume());
    }
  });
  upstream.on('end', () => raw.end());
  upstream.on('error', () => raw.destroy());
  raw.on('close', () => upstream.destroy());
  return reply;
}
