// The client side of exec/attach: a WebSocket to the API server speaking v5.channel.k8s.io, local
// stdin sent on channel 0 (with the close signal at EOF), channels 1/2 written locally, and the
// Status on channel 3 read until the socket closes, as client-go does.
import type { Writable } from 'node:stream';
import WebSocket from 'ws';
import {
  Channel,
  ChannelDemux,
  encodeCloseFrame,
  encodeFrame,
  encodeQuery,
  encodeResize,
  errorFromResponse,
  outcomeFromStatusPayload,
  STREAM_PROTOCOL_V5,
} from '@kctl/shared';
import type { ClusterConnection, ExecOutcome, Query, TerminalSize } from '@kctl/shared';

export interface RemoteCommandOptions {
  connection: ClusterConnection;
  /** e.g. /api/v1/namespaces/default/pods/web/exec */
  path: string;
  query: Query;
  stdin?: NodeJS.ReadableStream;
  stdout: Writable;
  stderr?: Writable;
  /** terminal sizes to send on the resize channel (tty sessions) */
  sizes?: TerminalSizeSource;
  userAgent?: string;
}

export interface TerminalSizeSource {
  current(): TerminalSize;
  onChange(listener: (size: TerminalSize) => void): () => void;
}

/** The ws:// or wss:// URL of an API path (exec, attach, port-forward). */
export function socketUrl(connection: ClusterConnection, path: string, query: Query): string {
  const base = new URL(connection.server);
  base.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}${path}${encodeQuery(query)}`;
}

/** The kubeconfig's credentials and TLS settings for a WebSocket to the API server. */
export function socketOptions(connection: ClusterConnection, userAgent: string): WebSocket.ClientOptions {
  return {
    headers: { 'User-Agent': userAgent, ...(connection.token ? { Authorization: `Bearer ${connection.token}` } : {}) },
    rejectUnauthorized: !connection.insecureSkipTlsVerify,
    ...(connection.caData ? { ca: Buffer.from(connection.caData, 'base64') } : {}),
    ...(connection.clientCertData ? { cert: Buffer.from(connection.clientCertData, 'base64') } : {}),
    ...(connection.clientKeyData ? { key: Buffer.from(connection.clientKeyData, 'base64') } : {}),
  };
}

/** Resolves with the command's outcome; rejects with the server's Status when it refuses. */
export function runRemoteCommand(opts: RemoteCommandOptions): Promise<ExecOutcome> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(socketUrl(opts.connection, opts.path, opts.query), [STREAM_PROTOCOL_V5], socketOptions(opts.connection, opts.userAgent ?? 'kctl'));
    const status: Buffer[] = [];
    const demux = new ChannelDemux(STREAM_PROTOCOL_V5)
      .route(Channel.stdout, (payload) => opts.stdout.write(payload))
      .route(Channel.stderr, (payload) => (opts.stderr ?? opts.stdout).write(payload))
      .route(Channel.status, (payload) => status.push(payload));
    const cleanups: Array<() => void> = [];
    const finish = () => cleanups.splice(0).forEach((cleanup) => cleanup());

    ws.on('open', () => {
      if (opts.sizes) {
        const sizes = opts.sizes;
        const send = (size: TerminalSize) => ws.readyState === ws.OPEN && ws.send(encodeResize(size));
        send(sizes.current());
        cleanups.push(sizes.onChange(send));
      }
      if (opts.stdin) pumpStdin(ws, opts.stdin, cleanups);
    });
    ws.on('message', (data: Buffer) => demux.receive(data));
    ws.on('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        finish();
        reject(errorFromResponse(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')));
      });
    });
    ws.on('error', (err) => {
      finish();
      reject(err);
    });
    ws.on('close', (code) => {
      finish();
      // A normal close ends the status channel; an abrupt one is an error, as in client-go.
      if (code !== 1000 && code !== 1005 && status.length === 0) return reject(new Error(`the connection to the server was closed unexpectedly (code ${code})`));
      resolve(outcomeFromStatusPayload(Buffer.concat(status)));
    });
  });
}

function pumpStdin(ws: WebSocket, stdin: NodeJS.ReadableStream, cleanups: Array<() => void>): void {
  const onData = (chunk: Buffer | string) => {
    if (ws.readyState === ws.OPEN) ws.send(encodeFrame(Channel.stdin, typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
  };
  const onEnd = () => {
    if (ws.readyState === ws.OPEN) ws.send(encodeCloseFrame(Channel.stdin));
  };
  stdin.on('data', onData);
  stdin.once('end', onEnd);
  cleanups.push(() => {
    stdin.off('data', onData);
    stdin.off('end', onEnd);
    // Let the process exit: a paused stdin no longer holds the event loop.
    stdin.pause();
  });
}
