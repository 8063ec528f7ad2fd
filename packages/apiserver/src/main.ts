// kctl-apiserver: flags → store → buildApiServer → listen. Stops cleanly on SIGTERM/SIGINT.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { pino } from 'pino';
import { buildApiServer } from './build-api-server.js';
import { createLevelObjectStore, createMemoryObjectStore } from './storage/index.js';
import { DEFAULT_SERVICE_NETWORK } from './rest/service-allocator.js';
import { DEFAULT_NOT_READY_TOLERATION_SECONDS, configureDefaultTolerationSeconds } from './registry/default-toleration-seconds.js';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string', default: '6443' },
    'bind-address': { type: 'string', default: '127.0.0.1' },
    store: { type: 'string', default: 'level' },
    'log-level': { type: 'string', default: 'info' },
    'service-cluster-ip-range': { type: 'string', default: DEFAULT_SERVICE_NETWORK.clusterIPRange },
    'service-node-port-range': { type: 'string', default: DEFAULT_SERVICE_NETWORK.nodePortRange.join('-') },
    // DefaultTolerationSeconds admission: how long new pods stay on a NotReady / unreachable node.
    'default-not-ready-toleration-seconds': { type: 'string', default: String(DEFAULT_NOT_READY_TOLERATION_SECONDS) },
    'default-unreachable-toleration-seconds': { type: 'string', default: String(DEFAULT_NOT_READY_TOLERATION_SECONDS) },
  },
});

const logger = pino({ level: values['log-level'], base: { component: 'apiserver' } });

async function main(): Promise<void> {
  configureDefaultTolerationSeconds({
    notReady: Number(values['default-not-ready-toleration-seconds']),
    unreachable: Number(values['default-unreachable-toleration-seconds']),
  });
  const dataDir = values['data-dir'];
  if (values.store === 'level' && !dataDir) throw new Error('--data-dir is required with the level store');
  let store;
  if (values.store === 'memory') {
    store = createMemoryObjectStore();
  } else {
    const dbDir = join(dataDir ?? '', 'db');
    mkdirSync(dbDir, { recursive: true });
    store = createLevelObjectStore(dbDir);
  }
  await store.open();
  const [firstPort, lastPort] = (values['service-node-port-range'] ?? '').split('-').map(Number);
  if (!firstPort || !lastPort || firstPort > lastPort) throw new Error(`--service-node-port-range must look like 30000-32767`);
  const app = await buildApiServer({
    store,
    logger,
    serviceNetwork: { clusterIPRange: values['service-cluster-ip-range'] ?? DEFAULT_SERVICE_NETWORK.clusterIPRange, nodePortRange: [firstPort, lastPort] },
  });
  const address = await app.listen({ port: Number(values.port), host: values['bind-address'] });
  logger.info({ address, revision: store.currentRevision() }, 'API server listening');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    // Close the store even when open watch streams keep the HTTP server from closing quickly.
    const closing = app.close();
    await Promise.race([closing, new Promise((r) => setTimeout(r, 2000))]);
    await store.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: Error) => {
  logger.fatal({ err }, 'API server failed to start');
  process.stderr.write(`error: ${err.message}\n`);
  process.exit(1);
});
