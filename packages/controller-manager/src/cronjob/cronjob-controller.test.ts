// The CronJob controller against a real API server, with a clock the test moves forward; no Job
// controller runs, so the test finishes Jobs by writing their conditions.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient, metaTime, parseCronSchedule } from '@kctl/shared';
import type { Event, Job, KubernetesList } from '@kctl/shared';
import { CronJobController } from './cronjob-controller.js';
import { jobFromTemplate, mostRecentScheduleTime } from './cronjob-schedule.js';
import type { CronJob } from './cronjob-schedule.js';
import { startTestApiServer, testControllerOptions, eventually } from '../test-support/api-server.test-support.js';
import type { TestApiServer } from '../test-support/api-server.test-support.js';

let server: TestApiServer;
let client: ApiClient;
let controller: CronJobController;
let shiftMs = 0;

const CRONJOBS = '/apis/batch/v1/namespaces/default/cronjobs';
const JOBS = '/apis/batch/v1/namespaces/default/jobs';

beforeEach(async () => {
  shiftMs = 0;
  server = await startTestApiServer();
  client = server.client;
  controller = new CronJobController({ ...testControllerOptions(client), clock: () => Date.now() + shiftMs });
  await controller.start();
});

afterEach(async () => {
  await controller.stop();
  await server.close();
});

function createCronJob(name: string, spec: Record<string, unknown> = {}): Promise<CronJob> {
  return client.create<CronJob>(CRONJOBS, {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: {
      schedule: '* * * * *',
      ...spec,
      jobTemplate: { metadata: { labels: { app: name } }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['true'] }] } } } },
    },
  });
}

/** Moves the clock to the next minute boundary (plus a second) and pokes the CronJob so it syncs. */
async function advanceMinute(name: string): Promise<number> {
  const now = Date.now() + shiftMs;
  const next = Math.floor(now / 60_000) * 60_000 + 60_000;
  shiftMs += next + 1_000 - now;
  // A merge patch, so the test never conflicts with the controller's own writes.
  await client.patch(`${CRONJOBS}/${name}`, { metadata: { labels: { tick: String(next / 60_000) } } }, 'application/merge-patch+json');
  return next;
}

async function ownedJobs(name: string): Promise<Job[]> {
  const list = await client.get<KubernetesList<Job>>(JOBS);
  return list.items.filter((j) => j.metadata?.ownerReferences?.some((r) => r.kind === 'CronJob' && r.name === name));
}

async function complete(job: Job, type: 'Complete' | 'Failed'): Promise<void> {
  const at = metaTime(Date.now() + shiftMs);
  const reason = type === 'Complete' ? 'CompletionsReached' : 'BackoffLimitExceeded';
  const interim = type === 'Complete' ? 'SuccessCriteriaMet' : 'FailureTarget';
  const conditions = [interim, type].map((t) => ({ type: t, status: 'True', reason, message: 'm', lastProbeTime: at, lastTransitionTime: at }));
  await client.replace(`${JOBS}/${job.metadata!.name}/status`, {
    ...job,
    status: { startTime: at, ...(type === 'Complete' ? { completionTime: at, succeeded: 1 } : { failed: 1 }), conditions },
  });
}

async function eventsOf(name: string): Promise<string[]> {
  const list = await client.get<KubernetesList<Event>>('/api/v1/namespaces/default/events');
  return list.items.filter((e) => e.involvedObject.name === name).map((e) => `${e.reason}: ${e.message}`);
}

describe('CronJobController', () => {
  it('creates the Job of a due schedule time, tracks it as active and sees it complete', async () => {
    await createCronJob('tick');
    const scheduled = await advanceMinute('tick');
    const [job] = await eventually(() => ownedJobs('tick'), (jobs) => expect(jobs).toHaveLength(1));
    expect(job!.metadata?.name).toBe(`tick-${scheduled / 60_000}`);
    expect(job!.metadata?.labels).toEqual({ app: 'tick' });
    expect(job!.metadata?.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe(metaTime(scheduled));
    const cj = await eventually(() => client.get<CronJob>(`${CRONJOBS}/tick`), (c) => expect(c.status?.active).toHaveLength(1));
    expect(cj.status?.lastScheduleTime).toBe(metaTime(scheduled));
    expect(cj.status?.active?.[0]).toMatchObject({ kind: 'Job', name: job!.metadata?.name, uid: job!.metadata?.uid, apiVersion: 'batch/v1' });

    await complete(job!, 'Complete');
    const done = await eventually(() => client.get<CronJob>(`${CRONJOBS}/tick`), (c) => expect(c.status?.lastSuccessfulTime).toBeDefined());
    expect(done.status?.active ?? []).toEqual([]);
    const events = await eventually(() => eventsOf('tick'), (e) => expect(e).toContain(`SawCompletedJob: Saw completed job: ${job!.metadata?.name}, condition: Complete`));
    expect(events).toContain(`SuccessfulCreate: Created job ${job!.metadata?.name}`);
  });

  it('does not start a second Job while one runs under concurrencyPolicy Forbid, and replaces it under Replace', async () => {
    await createCronJob('forbid', { concurrencyPolicy: 'Forbid' });
    await advanceMinute('forbid');
    await eventually(() => ownedJobs('forbid'), (jobs) => expect(jobs).toHaveLength(1));
    await eventually(() => client.get<CronJob>(`${CRONJOBS}/forbid`), (c) => expect(c.status?.active).toHaveLength(1));
    await advanceMinute('forbid');
    await eventually(() => eventsOf('forbid'), (e) => expect(e.some((x) => x.startsWith('JobAlreadyActive'))).toBe(true));
    expect(await ownedJobs('forbid')).toHaveLength(1);

    const cj = await client.get<CronJob>(`${CRONJOBS}/forbid`);
    await client.replace(`${CRONJOBS}/forbid`, { ...cj, spec: { ...cj.spec, concurrencyPolicy: 'Replace' } });
    const [first] = await ownedJobs('forbid');
    await advanceMinute('forbid');
    await eventually(
      () => ownedJobs('forbid'),
      (jobs) => expect(jobs.map((j) => j.metadata?.name)).not.toContain(first!.metadata?.name),
    );
    await eventually(() => eventsOf('forbid'), (e) => expect(e).toContain(`SuccessfulDelete: Deleted job ${first!.metadata?.name}`));
  });

  it('keeps only successfulJobsHistoryLimit finished Jobs', async () => {
    await createCronJob('history', { successfulJobsHistoryLimit: 1 });
    for (let i = 0; i < 2; i++) {
      await advanceMinute('history');
      await eventually(() => ownedJobs('history'), (jobs) => expect(jobs).toHaveLength(i + 1));
      await eventually(() => client.get<CronJob>(`${CRONJOBS}/history`), (c) => expect(c.status?.active).toHaveLength(1));
      const running = (await ownedJobs('history')).find((j) => !j.status?.conditions?.length);
      await complete(running!, 'Complete');
    }
    await eventually(() => ownedJobs('history'), (jobs) => expect(jobs).toHaveLength(1));
  });

  it('does nothing while suspended', async () => {
    await createCronJob('paused', { suspend: true });
    await advanceMinute('paused');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await ownedJobs('paused')).toHaveLength(0);
  });
});

describe('mostRecentScheduleTime', () => {
  const every = parseCronSchedule('*/5 * * * *');
  if (!every.ok) throw new Error(every.error);
  const cronJob = (status: CronJob['status'], startingDeadlineSeconds?: number): CronJob => ({
    metadata: { name: 'x', creationTimestamp: '2024-05-01T10:00:00Z' },
    spec: { schedule: '*/5 * * * *', jobTemplate: {}, ...(startingDeadlineSeconds !== undefined ? { startingDeadlineSeconds } : {}) },
    status,
  });

  it('is the latest schedule time not after now since the last one', () => {
    const due = mostRecentScheduleTime(cronJob({ lastScheduleTime: '2024-05-01T10:05:00Z' }), every.schedule, new Date('2024-05-01T10:23:00Z'), 'UTC');
    expect(due).toEqual({ scheduled: new Date('2024-05-01T10:20:00Z'), tooManyMissed: false });
    expect(mostRecentScheduleTime(cronJob({}), every.schedule, new Date('2024-05-01T10:04:00Z'), 'UTC').scheduled).toBeUndefined();
  });

  it('flags more than 100 missed times but still finds the latest', () => {
    const due = mostRecentScheduleTime(cronJob({}), every.schedule, new Date('2024-05-03T10:02:00Z'), 'UTC');
    expect(due).toEqual({ scheduled: new Date('2024-05-03T10:00:00Z'), tooManyMissed: true });
  });

  it('ignores times before now - startingDeadlineSeconds', () => {
    const due = mostRecentScheduleTime(cronJob({}, 60), every.schedule, new Date('2024-05-01T10:12:00Z'), 'UTC');
    expect(due.scheduled).toBeUndefined();
  });

  it('stamps the scheduled time in the CronJob zone on the Job', () => {
    const job = jobFromTemplate({ ...cronJob({}), metadata: { name: 'x', namespace: 'ns', uid: 'u' } }, new Date('2024-05-01T10:05:00Z'), 2 * 3600_000);
    expect(job.metadata?.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2024-05-01T12:05:00+02:00');
    expect(job.metadata?.name).toBe(`x-${Date.parse('2024-05-01T10:05:00Z') / 60_000}`);
  });
});
