// kctl-scheduler: flags → kubeconfig → Scheduler. Logs pino JSON to stdout; stops cleanly on
// SIGTERM/SIGINT. Durations are in seconds, as in KubeSchedulerConfiguration, and default to
// Kubernetes' values.
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { ApiClient, DEFAULT_RECONNECT_BACKOFF, connectionFromKubeconfig, loadKubeconfig } from '@kctl/shared';
import { Scheduler } from './scheduler.js';
import { DEFAULT_QUEUE_OPTIONS } from './queue/scheduling-queue.js';
import { DEFAULT_SCHEDULER_NAME } from './pod-eligibility.js';
import { startSchedulerLease } from './scheduler-lease.js';

const seconds = (ms: number) => String(ms / 1000);

const { values } = parseArgs({
  options: {
    kubeconfig: { type: 'string' },
    'scheduler-name': { type: 'string', default: DEFAULT_SCHEDULER_NAME },
    'log-level': { type: 'string', default: 'info' },
    'pod-initial-backoff-seconds': { type: 'string', default: seconds(DEFAULT_QUEUE_OPTIONS.initialBackoffMs) },
    'pod-max-backoff-seconds': { type: 'string', default: seconds(DEFAULT_QUEUE_OPTIONS.maxBackoffMs) },
    'pod-max-in-unschedulable-pods-seconds': { type: 'string', default: seconds(DEFAULT_QUEUE_OPTIONS.maxInUnschedulableMs) },
    'unschedulable-flush-interval-seconds': { type: 'string', default: seconds(DEFAULT_QUEUE_OPTIONS.flushIntervalMs) },
    'watch-reconnect-initial-seconds': { type: 'string', default: seconds(DEFAULT_RECONNECT_BACKOFF.initialMs) },
    'watch-reconnect-max-seconds': { type: 'string', default: seconds(DEFAULT_RECONNECT_BACKOFF.maxMs) },
  },
});

const logger = pino({ level: values['log-level'], base: { component: 'scheduler' } });

function millis(flag: keyof typeof values): number {
  const value = Number(values[flag]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${flag} must be a positive number of seconds, got ${JSON.stringify(values[flag])}`);
  return value * 1000;
}

async function main(): Promise<void> {
  const client = new ApiClient(connectionFromKubeconfig(loadKubeconfig(values.kubeconfig)), { userAgent: 'kctl-scheduler/v0.1.0' });
  const scheduler = new Scheduler({
    client,
    logger,
    schedulerName: values['scheduler-name'],
    queue: {
      initialBackoffMs: millis('pod-initial-backoff-seconds'),
      maxBackoffMs: millis('pod-max-backoff-seconds'),
      maxInUnschedulableMs: millis('pod-max-in-unschedulable-pods-seconds'),
      flushIntervalMs: millis('unschedulable-flush-interval-seconds'),
    },
    reconnectBackoff: { initialMs: millis('watch-reconnect-initial-seconds'), maxMs: millis('watch-reconnect-max-seconds') },
  });
  let stopping = false;
  let lease: { stop(): void } | undefined;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    lease?.stop();
    await scheduler.stop();
    client.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  logger.info({ server: client.connection.server, schedulerName: values['scheduler-name'] }, 'scheduler starting');
  await scheduler.start();
  // Only now, with the caches synced and the loop running, does the scheduler announce itself.
  lease = startSchedulerLease(client, { onError: (err) => logger.warn({ err }, 'could not renew the scheduler lease') });
}

main().catch((err: Error) => {
  logger.fatal({ err }, 'scheduler failed');
  process.stderr.write(`error: ${err.message}\n`);
  process.exit(1);
});
