// Liveness/readiness endpoints the supervisor and kubectl-style tooling probe.
import type { FastifyInstance } from 'fastify';

export function registerHealthRoutes(app: FastifyInstance, isReady: () => boolean): void {
  for (const path of ['/healthz', '/livez']) app.get(path, async (_req, reply) => reply.type('text/plain').send('ok'));
  app.get('/readyz', async (_req, reply) => {
    if (isReady()) return reply.type('text/plain').send('ok');
    return reply.code(503).type('text/plain').send('[-]storage not ready');
  });
}
