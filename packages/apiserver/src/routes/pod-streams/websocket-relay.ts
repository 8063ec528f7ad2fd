// Relays an upgraded client WebSocket and the kubelet's WebSocket frame for frame: both speak
// the same negotiated channel protocol, so nothing is decoded here. Either side closing closes
// the other; the kubelet's normal close after the status reaches the client as a normal close.
import type { WebSocket } from 'ws';
import type { OpenKubeletStream } from './kubelet-dial.js';

/** Close codes that may not be sent in a close frame (they only describe what happened). */
function sendableCode(code: number): number {
  return code === 1005 || code === 1006 || code === 1015 ? 1000 : code;
}

export function relayWebSockets(client: WebSocket, upstream: OpenKubeletStream): void {
  const kubelet = upstream.socket;
  // Same tick as the listener below: no frame can slip between the buffer and the relay.
  for (const frame of upstream.takeEarlyFrames()) client.send(frame, { binary: true });
  kubelet.on('message', (data: Buffer, isBinary: boolean) => {
    if (client.readyState === client.OPEN) client.send(data, { binary: isBinary });
  });
  client.on('message', (data: Buffer, isBinary: boolean) => {
    if (kubelet.readyState === kubelet.OPEN) kubelet.send(data, { binary: isBinary });
  });
  kubelet.on('close', (code) => {
    if (client.readyState === client.OPEN) client.close(sendableCode(code));
  });
  client.on('close', (code) => {
    if (kubelet.readyState === kubelet.OPEN) kubelet.close(sendableCode(code));
  });
  kubelet.on('error', () => client.terminate());
  client.on('error', () => kubelet.terminate());
}
