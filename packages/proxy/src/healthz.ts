// GET /healthz on 127.0.0.1: "ok" once the proxy serves its first synced table, 503 before, so
// the supervisor can wait for the proxy as it waits for the other components.
import http from 'node:http';
import { whenListening } from './listen.js';

export async function startHealthz(port: number, isReady: () => boolean): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    if (req.url !== '/healthz' && req.url !== '/readyz') {
      res.writeHead(404).end();
      return;
    }
    const ready = isReady();
    res.writeHead(ready ? 200 : 503, { 'content-type': 'text/plain' }).end(ready ? 'ok' : 'caches not synced');
  });
  await whenListening(server, () => server.listen({ host: '127.0.0.1', port }));
  return server;
}
