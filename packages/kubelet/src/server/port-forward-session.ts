// One port-forward WebSocket on the kubelet (websocket.go's handleWebSocketStreams): every
// requested port gets its data and error channel, each announced by the port; a relay per port
// carries the one connection this socket stands for. A relay that cannot connect reports on the
// error channel in the kubelet's words; the socket closes once every port's relay has ended.
import type { WebSocket } from 'ws';
import { encodeFrame, encodePortPrefix, portForwardDataChannel, portForwardErrorChannel } from '@kctl/shared';
import type { PortRelay } from './port-relay.js';

export interface PortForwardSessionOptions {
  ports: number[];
  /** for error messages: the kubelet names the pod and its uid */
  podName: string;
  podUid: string;
  openRelay: (port: number) => PortRelay;
}

export function runPortForwardSession(ws: WebSocket, opts: PortForwardSessionOptions): Promise<void> {
  const relays = new Map<number, PortRelay>();
  const send = (frame: Buffer, done: () => void = () => undefined) => {
    if (ws.readyState !== ws.OPEN) return done();
    ws.send(frame, { binary: true }, () => done());
  };
  const endings = opts.ports.map((port, index) => {
    const data = portForwardDataChannel(index);
    const error = portForwardErrorChannel(index);
    send(encodeFrame(data, encodePortPrefix(port)));
    send(encodeFrame(error, encodePortPrefix(port)));
    const relay = opts.openRelay(port);
    relays.set(data, relay);
    relay.stdin.on('error', () => undefined);
    relay.stdin.on('drain', () => ws.resume());
    relay.stdout.on('data', (chunk: Buffer) => {
      // One chunk in flight per connection: the pod's server is read no faster than the client takes it.
      relay.stdout.pause();
      send(encodeFrame(data, chunk), () => relay.stdout.resume());
    });
    const stderr: Buffer[] = [];
    relay.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    return new Promise<void>((resolve) => {
      relay.once('error', (err) => {
        send(encodeFrame(error, `error forwarding port ${port} to pod ${opts.podName}, uid ${opts.podUid}: ${err.message}`));
        resolve();
      });
      // 'close' (not 'exit'): everything the relay printed has been read by then.
      relay.once('close', (code) => {
        const message = Buffer.concat(stderr).toString('utf8').trim();
        if (code !== 0) send(encodeFrame(error, `error forwarding port ${port} to pod ${opts.podName}, uid ${opts.podUid}: ${message || `relay exited with ${code}`}`));
        resolve();
      });
    });
  });

  ws.on('message', (message: Buffer) => {
    if (message.length === 0) return;
    const relay = relays.get(message[0] as number);
    if (!relay || relay.stdin.writableEnded || relay.stdin.destroyed) return;
    if (!relay.stdin.write(message.subarray(1))) ws.pause();
  });
  // The client went away: nobody is left to read the pod's answers.
  const stopRelays = () => {
    for (const relay of relays.values()) if (relay.exitCode === null && relay.signalCode === null) relay.kill('SIGTERM');
  };
  ws.on('close', stopRelays);
  ws.on('error', stopRelays);

  return Promise.all(endings).then(() => {
    // ws writes the close frame after every frame already queued.
    if (ws.readyState === ws.OPEN) ws.close(1000);
  });
}
