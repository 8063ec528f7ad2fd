// One port-forward WebSocket on the kubelet (websocket.go's handleWebSocketStreams): every
// requested port gets its data and error channel, each announced by the port; a relay per port
// carries the one connection this socket stands for. A relay that cannot connect reports on the
// error channel in the kubelet's words; the socket closes once every port's relay has ended.
import type { WebSocket } from 'ws';
import { encodeFrame, encodePortPrefix, portForwardDataChannel, portForwardErrorChannel } from '@kctl/shared';
import type { PortRelay } from './port-relay.js';
import { startForwardedConnection } from './forwarded-connection.js';
import type { ForwardedConnection } from './forwarded-connection.js';

export interface PortForwardSessionOptions {
  ports: number[];
  /** for error messages: the kubelet names the pod and its uid */
  podName: string;
  podUid: string;
  openRelay: (port: number) => PortRelay;
}

export function runPortForwardSession(ws: WebSocket, opts: PortForwardSessionOptions): Promise<void> {
  const connections = new Map<number, ForwardedConnection>();
  const send = (frame: Buffer, done: () => void = () => undefined) => {
    if (ws.readyState !== ws.OPEN) return done();
    ws.send(frame, { binary: true }, () => done());
  };
  const endings = opts.ports.map(async (port, index) => {
    const data = portForwardDataChannel(index);
    const error = portForwardErrorChannel(index);
    send(encodeFrame(data, encodePortPrefix(port)));
    send(encodeFrame(error, encodePortPrefix(port)));
    const connection = startForwardedConnection({
      relay: opts.openRelay(port),
      port,
      podName: opts.podName,
      podUid: opts.podUid,
      write: (chunk, done) => send(encodeFrame(data, chunk), done),
      backpressure: (paused) => (paused ? ws.pause() : ws.resume()),
    });
    connections.set(data, connection);
    const message = await connection.done;
    if (message) send(encodeFrame(error, message));
  });

  ws.on('message', (message: Buffer) => {
    if (message.length > 0) connections.get(message[0] as number)?.input(message.subarray(1));
  });
  // The client went away: nobody is left to read the pod's answers.
  const stopAll = () => {
    for (const connection of connections.values()) connection.stop();
  };
  ws.on('close', stopAll);
  ws.on('error', stopAll);

  return Promise.all(endings).then(() => {
    // ws writes the close frame after every frame already queued.
    if (ws.readyState === ws.OPEN) ws.close(1000);
  });
}
