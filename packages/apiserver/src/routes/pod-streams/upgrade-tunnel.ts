// Passes an HTTP upgrade request through to the kubelet byte for byte (the path rewritten), as
// Kubernetes' UpgradeAwareHandler does: used for kubectl's SPDY-in-WebSocket port-forward, whose
// subprotocol name our WebSocket library cannot offer as a client. The kubelet's answer, a 101
// or a Status, reaches the client unchanged.
import type http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { KubeletAddress } from './stream-target.js';
import { unreachableKubelet } from './log-proxy.js';

const HOP_BY_HOP_HOST = 'host';

export function tunnelUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer, kubelet: KubeletAddress, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const upstream = net.connect({ host: kubelet.host, port: kubelet.port });
    upstream.once('error', (err) => reject(unreachableKubelet(`http://${kubelet.host}:${kubelet.port}${path}`, err)));
    upstream.once('connect', () => {
      const lines = [`${req.method ?? 'GET'} ${path} HTTP/1.1`, `Host: ${kubelet.host.includes(':') ? `[${kubelet.host}]` : kubelet.host}:${kubelet.port}`];
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
        if ((req.rawHeaders[i] as string).toLowerCase() !== HOP_BY_HOP_HOST) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.removeAllListeners('error');
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
      socket.on('close', () => upstream.destroy());
      upstream.on('close', () => socket.destroy());
      upstream.pipe(socket);
      socket.pipe(upstream);
      resolve();
    });
  });
}
