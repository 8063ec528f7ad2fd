// Port-forward as real kubectl (1.31+) asks for it: SPDY/3.1 tunnelled in WebSocket binary
// messages ("SPDY/3.1+portforward.k8s.io"). Per local connection kubectl opens an error stream
// and a data stream with the same requestID and port headers (httpstream.go); once both are
// there a relay connects in the pod, the data stream carries the bytes both ways (FIN from
// kubectl half-closes towards the pod), and a failure is written to the error stream.
import type { WebSocket } from 'ws';
import { SpdyRstStatus, SpdyServerSession } from '@kctl/shared';
import type { SpdyStream } from '@kctl/shared';
import type { PortRelay } from './port-relay.js';
import { startForwardedConnection } from './forwarded-connection.js';

export interface SpdyPortForwardOptions {
  podName: string;
  podUid: string;
  openRelay: (port: number) => PortRelay;
}

interface StreamPair {
  data?: SpdyStream;
  error?: SpdyStream;
}

function portOf(stream: SpdyStream): number | undefined {
  const text = stream.headers.port ?? '';
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  return port >= 1 && port <= 65535 ? port : undefined;
}

export function runSpdyPortForwardSession(ws: WebSocket, opts: SpdyPortForwardOptions): void {
  const pairs = new Map<string, StreamPair>();
  const session = new SpdyServerSession(
    (bytes, done) => {
      if (ws.readyState !== ws.OPEN) return done();
      ws.send(bytes, { binary: true }, () => done());
    },
    (stream) => accept(stream),
    () => ws.close(1002),
  );

  function accept(stream: SpdyStream): void {
    const type = stream.headers.streamtype;
    const key = `${stream.headers.requestid ?? ''}/${stream.headers.port ?? ''}`;
    if (type !== 'data' && type !== 'error') return stream.reset(SpdyRstStatus.protocolError);
    const pair = pairs.get(key) ?? {};
    if (pair[type]) return stream.reset(SpdyRstStatus.protocolError);
    pair[type] = stream;
    pairs.set(key, pair);
    if (pair.data && pair.error) {
      pairs.delete(key);
      forward(pair.data, pair.error);
    }
  }

  function forward(data: SpdyStream, error: SpdyStream): void {
    const port = portOf(data);
    if (port === undefined) {
      error.end(Buffer.from(`invalid port header: ${JSON.stringify(data.headers.port ?? '')}`));
      return data.end();
    }
    const connection = startForwardedConnection({ relay: opts.openRelay(port), port, podName: opts.podName, podUid: opts.podUid, write: (chunk, done) => data.write(chunk, done) });
    data.onData((chunk) => connection.input(chunk));
    data.onEnd(() => connection.endInput());
    data.onReset(() => connection.stop());
    void connection.done.then((message) => {
      error.end(message ? Buffer.from(message) : undefined);
      data.end();
    });
  }

  ws.on('message', (message: Buffer) => session.receive(message));
  ws.on('close', () => session.close());
  ws.on('error', () => session.close());
}
