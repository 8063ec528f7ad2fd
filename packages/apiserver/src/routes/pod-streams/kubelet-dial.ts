// Opens the kubelet side of an exec/attach stream before the client's handshake is answered,
// so a kubelet refusal ("waiting to start", "container not found") can still go back to the
// client as an HTTP Status rather than a broken WebSocket.
import WebSocket from 'ws';
import { ApiError, errorFromResponse } from '@kctl/shared';
import type { StreamProtocol } from '@kctl/shared';
import type { StreamTarget } from './stream-target.js';
import { kubeletOrigin } from './stream-target.js';
import { unreachableKubelet } from './log-proxy.js';

const STREAM_FLAGS = ['stdin', 'stdout', 'stderr', 'tty'];

export function kubeletStreamUrl(kind: 'exec' | 'attach', target: StreamTarget, query: URLSearchParams): string {
  const params = new URLSearchParams();
  if (kind === 'exec') for (const command of query.getAll('command')) params.append('command', command);
  for (const flag of STREAM_FLAGS) {
    const value = query.get(flag);
    if (value === 'true' || value === '1') params.set(flag, 'true');
  }
  const path = [target.namespace, target.pod, target.container].map(encodeURIComponent).join('/');
  return `${kubeletOrigin(target.kubelet, 'ws')}/${kind}/${path}?${params.toString()}`;
}

/** The kubelet's /portForward/{namespace}/{pod}?port=… for the API server's `ports` (PodPortForwardOptions). */
export function kubeletPortForwardUrl(target: StreamTarget, ports: number[]): string {
  const params = new URLSearchParams();
  for (const port of ports) params.append('port', String(port));
  const path = [target.namespace, target.pod].map(encodeURIComponent).join('/');
  return `${kubeletOrigin(target.kubelet, 'ws')}/portForward/${path}?${params.toString()}`;
}

export interface OpenKubeletStream {
  socket: WebSocket;
  /** Frames that arrived before the client side was ready; stops buffering (call once, then relay). */
  takeEarlyFrames(): Buffer[];
}

export function dialKubelet(url: string, protocol: StreamProtocol): Promise<OpenKubeletStream> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, [protocol]);
    const early: Buffer[] = [];
    const buffer = (data: Buffer) => early.push(data);
    socket.on('message', buffer);
    socket.once('open', () =>
      resolve({
        socket,
        takeEarlyFrames: () => {
          socket.off('message', buffer);
          return early;
        },
      }),
    );
    socket.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => reject(errorFromResponse(res.statusCode ?? 500, Buffer.concat(chunks).toString('utf8'))));
      res.on('error', (err) => reject(unreachableKubelet(url, err)));
    });
    socket.once('error', (err) => reject(err instanceof ApiError ? err : unreachableKubelet(url.replace(/^ws/, 'http'), err)));
  });
}
