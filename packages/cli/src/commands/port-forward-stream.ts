// One forwarded connection: a local socket and a WebSocket to pods/NAME/portforward?ports=REMOTE
// (v4.channel.k8s.io framing: data on channel 0, errors on channel 1, each opened by the port
// as two bytes that are not data). The socket closing ends the WebSocket and the other way round.
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { encodeFrame, errorFromResponse, portForwardDataChannel, portForwardErrorChannel, STREAM_PROTOCOL_V4 } from '@kctl/shared';
import type { ClusterConnection } from '@kctl/shared';
import { socketOptions, socketUrl } from './exec/remote-command.js';

export interface ForwardStreamOptions {
  connection: ClusterConnection;
  /** /api/v1/namespaces/NS/pods/NAME/portforward */
  path: string;
  remotePort: number;
  userAgent: string;
  /** an error the kubelet reported for this connection, or the failure to open the stream */
  onError: (message: string) => void;
}

/** Relays SOCKET through a new port-forward WebSocket; returns the socket's WebSocket. */
export function forwardConnection(socket: Socket, opts: ForwardStreamOptions): WebSocket {
  const ws = new WebSocket(socketUrl(opts.connection, opts.path, { ports: String(opts.remotePort) }), [STREAM_PROTOCOL_V4], socketOptions(opts.connection, opts.userAgent));
  const data = portForwardDataChannel(0);
  const error = portForwardErrorChannel(0);
  const announced = new Set<number>();
  const errorText: Buffer[] = [];

  socket.pause();
  ws.on('open', () => {
    socket.on('data', (chunk: Buffer) => {
      if (ws.readyState !== ws.OPEN) return;
      socket.pause();
      ws.send(encodeFrame(data, chunk), () => socket.resume());
    });
    socket.resume();
  });
  ws.on('message', (message: Buffer) => {
    const channel = message[0];
    if (channel === undefined) return;
    let payload = message.subarray(1);
    // The first frame of each channel is the port, not data.
    if (!announced.has(channel)) {
      announced.add(channel);
      payload = payload.subarray(2);
    }
    if (payload.length === 0) return;
    if (channel === data && !socket.destroyed) socket.write(payload);
    else if (channel === error) errorText.push(payload);
  });
  ws.on('unexpected-response', (_req, res) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => {
      opts.onError(`error upgrading connection: ${errorFromResponse(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')).message}`);
      socket.destroy();
    });
  });
  let closedLocally = false;
  ws.on('error', (err) => {
    // Aborting a handshake because the local client left is no error of the forward.
    if (!closedLocally) opts.onError(err.message);
    socket.destroy();
  });
  ws.on('close', () => {
    if (errorText.length > 0) opts.onError(Buffer.concat(errorText).toString('utf8'));
    // What arrived is written before the local side ends.
    socket.end();
  });
  socket.on('error', () => ws.terminate());
  socket.on('close', () => {
    closedLocally = true;
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(1000);
  });
  return ws;
}
