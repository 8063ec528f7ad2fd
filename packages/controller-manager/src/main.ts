// kctl-controller-manager: flags → kubeconfig → ControllerManager. Logs pino JSON to stdout;
// stops cleanly on SIGTERM/SIGINT. Durations are in seconds.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { ApiClient, DEFAULT_RECONNECT_BACKOFF, connectionFromKubeconfig, loadKubeconfig } from '@kctl/shared';
import { ControllerManager } from './controller-manager.js';
import { DEFAULT_NODE_MONITOR_GRACE_PERIOD_MS } from './node-lifecycle/node-lifecycle-controller.js';

const seconds = (ms: number) => String(ms / 1000);

const { values } = parseArgs({
  options: {
    kubeconfig: { type: 'string' },
    'log-level': { type: 'string', default: 'info' },
    // Where the local-path provisioner keeps volume directories; without it no volumes are provisioned.
    'local-path-root': { type: 'string' },
    // How long a kubelet may stay silent (no Lease renewal, no status) before its node turns Unknown.
    'node-monitor-grace-period': { type: 'string', default: seconds(DEFAULT_NODE_MONITOR_GRACE_PERIOD_MS) },
    'watch-reconnect-initial-seconds': { type: 'string', default: seconds(DEFAULT_RECONNECT_BACKOFF.initialMs) },
    'watch-reconnect-max-seconds': { type: 'string', default: seconds(DEFAULT_RECONNECT_BACKOFF.maxMs) },
  },
});

const logger = pino({ level: values['log-level'], base: { component: 'controller-manager' } });

function millis(flag: 'watch-reconnect-initial-seconds' | 'watch-reconnect-max-seconds' | 'node-monitor-grace-period'): number {
  const value = Number(values[flag]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${flag} must be a positive number of seconds, got ${JSON.stringify(values[flag])}`);
  return value * 1000;
}

async function main(): Promise<void> {
  const client = new ApiClient(connectionFromKubeconfig(loadKubeconfig(values.kubeconfig)), { userAgent: 'kctl-controller-manager/v0.1.0' });
  const manager = new ControllerManager({
    client,
    logger,
    reconnectBackoff: { initialMs: millis('watch-reconnect-initial-seconds'), maxMs: millis('watch-reconnect-max-seconds') },
    nodeMonitorGracePeriodMs: millis('node-monitor-grace-period'),
    ...(values['local-path-root'] ? { localPathRoot: path.resolve(values['local-path-root']) } : {}),
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await manager.stop();
    client.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  logger.info({ server: client.connection.server }, 'controller manager starting');
  await manager.start();
}

main().catch((err: Error) => {
  logger.fatal({ err }, 'controller manager failed');
  process.stderr.write(`error: ${err.message}\n`);
  process.exit(1);
});
