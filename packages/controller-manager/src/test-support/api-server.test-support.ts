// Shared by the controller tests: a real API server on a memory store, listening on loopback port 0,
// with an ApiClient pointed at it, plus the polling helper every controller test waits with.
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { buildApiServer, createMemoryObjectStore } from '@kctl/apiserver';
import { ApiClient } from '@kctl/shared';

export interface TestApiServer {
  app: FastifyInstance;
  client: ApiClient;
  address: string;
  close(): Promise<void>;
}

export async function startTestApiServer(opts: { namespace?: string } = {}): Promise<TestApiServer> {
  const store = createMemoryObjectStore();
  await store.open();
  const app = await buildApiServer({ store });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const client = new ApiClient({ server: address, namespace: opts.namespace ?? 'default' });
  return {
    app,
    client,
    address,
    close: async () => {
      client.close();
      await app.close();
      await store.close();
    },
  };
}

/** What every controller under test gets: a silent logger and a fast reconnect so restarts stay quick. */
export function testControllerOptions(client: ApiClient, logger: Logger = pino({ level: 'silent' })) {
  return { client, logger, reconnectBackoff: { initialMs: 50, maxMs: 200 } };
}

/** Retries `check` until it stops throwing, rethrowing its last error after `timeoutMs`. */
export async function eventuallyPasses(check: () => void | Promise<void>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** Reads until the value passes `check` and returns that value. */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => void, timeoutMs = 5_000): Promise<T> {
  let value!: T;
  await eventuallyPasses(async () => {
    value = await read();
    check(value);
  }, timeoutMs);
  return value;
}
