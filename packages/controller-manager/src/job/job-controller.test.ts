// The Job and TTL-after-finished controllers against a real API server (memory store, loopback,
// port 0); the test plays the kubelet by writing pod phases.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from '@kctl/shared';
import type { Event, Job, KubernetesList, Pod } from '@kctl/shared';
import { JobController } from './job-controller.js';
import { JOB_TRACKING_FINALIZER } from './job-pods.js';
import { TtlAfterFinishedController } from './ttl-after-finished-controller.js';
import { startTestApiServer, testControllerOptions, eventually } from '../test-support/api-server.test-support.js';
import type { TestApiServer } from '../test-support/api-server.test-support.js';

let server: TestApiServer;
let client: ApiClient;
let controller: JobController;
let ttl: TtlAfterFinishedController;

const JOBS = '/apis/batch/v1/namespaces/default/jobs';
const PODS = '/api/v1/namespaces/default/pods';

beforeEach(async () => {
  server = await startTestApiServer();
  client = server.client;
  const common = testControllerOptions(client);
  controller = new JobController({ ...common, syncBatchPeriodMs: 10, podFailureBackoffMs: 50 });
  ttl = new TtlAfterFinishedController(common);
  await Promise.all([controller.start(), ttl.start()]);
});

afterEach(async () => {
  await Promise.all([controller.stop(), ttl.stop()]);
  await server.close();
});

function createJob(name: string, spec: Record<string, unknown>, command = ['true']): Promise<Job> {
  return client.create<Job>(JOBS, {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: { ...spec, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command }] } } },
  });
}

const readJob = (name: string) => client.get<Job>(`${JOBS}/${name}`);

async function podsOf(job: string): Promise<Pod[]> {
  const list = await client.get<KubernetesList<Pod>>(PODS, { labelSelector: `batch.kubernetes.io/job-name=${job}` });
  return list.items;
}

/** The kubelet's part: the pod ran and ended. */
async function finish(pod: Pod, phase: 'Succeeded' | 'Failed'): Promise<void> {
  const now = new Date().toISOString().slice(0, 19) + 'Z';
  const exitCode = phase === 'Succeeded' ? 0 : 1;
  await client.replace(`${PODS}/${pod.metadata!.name}/status`, {
    ...pod,
    status: {
      phase,
      containerStatuses: [{ name: 'c', image: 'busybox', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode, finishedAt: now } } }],
    },
  });
}

async function eventsOf(name: string): Promise<string[]> {
  const list = await client.get<KubernetesList<Event>>('/api/v1/namespaces/default/events');
  return list.items.filter((e) => e.involvedObject.name === name).map((e) => `${e.reason}: ${e.message}`);
}

const conditionsOf = (job: Job) => (job.status?.conditions ?? []).map((c) => `${c.type}=${c.status}/${c.reason}`);

describe('JobController', () => {
  it('runs completions with at most parallelism pods at once, counts them and completes', async () => {
    await createJob('batch', { completions: 3, parallelism: 2 });
    const finished = new Set<string>();
    let maxActive = 0;
    await eventually(
      async () => {
        const pods = await podsOf('batch');
        const running = pods.filter((p) => !p.status?.phase || p.status.phase === 'Pending');
        maxActive = Math.max(maxActive, running.length);
        for (const pod of running) {
          if (finished.has(pod.metadata!.uid!)) continue;
          finished.add(pod.metadata!.uid!);
          await finish(pod, 'Succeeded');
        }
        return readJob('batch');
      },
      (job) => expect(conditionsOf(job)).toEqual(['SuccessCriteriaMet=True/CompletionsReached', 'Complete=True/CompletionsReached']),
    );
    const job = await readJob('batch');
    expect(maxActive).toBeLessThanOrEqual(2);
    expect(job.status).toMatchObject({ succeeded: 3, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(job.status?.failed ?? 0).toBe(0);
    expect(job.status?.active ?? 0).toBe(0);
    expect(job.status?.completionTime).toBeDefined();
    expect(job.status?.startTime).toBeDefined();
    const pods = await podsOf('batch');
    expect(pods).toHaveLength(3);
    for (const pod of pods) expect(pod.metadata?.finalizers ?? []).not.toContain(JOB_TRACKING_FINALIZER);
    const events = await eventually(() => eventsOf('batch'), (e) => expect(e).toContain('Completed: Job completed'));
    expect(events.filter((e) => e.startsWith('SuccessfulCreate: Created pod: batch-'))).toHaveLength(3);
  });

  it('creates pods with the tracking finalizer, the template labels and a controller reference', async () => {
    const job = await createJob('labelled', {});
    const [pod] = await eventually(() => podsOf('labelled'), (pods) => expect(pods).toHaveLength(1));
    expect(pod!.metadata?.finalizers).toContain(JOB_TRACKING_FINALIZER);
    expect(pod!.metadata?.generateName).toBe('labelled-');
    expect(pod!.metadata?.labels).toMatchObject({ 'job-name': 'labelled', 'controller-uid': job.metadata!.uid });
    expect(pod!.metadata?.ownerReferences).toEqual([
      { apiVersion: 'batch/v1', kind: 'Job', name: 'labelled', uid: job.metadata!.uid, controller: true, blockOwnerDeletion: true },
    ]);
    await eventually(() => readJob('labelled'), (j) => expect(j.status).toMatchObject({ active: 1, ready: 0 }));
  });

  it('fails with BackoffLimitExceeded once more pods failed than backoffLimit allows', async () => {
    await createJob('flaky', { backoffLimit: 1 }, ['false']);
    const failedUids = new Set<string>();
    await eventually(
      async () => {
        for (const pod of await podsOf('flaky')) {
          if (failedUids.has(pod.metadata!.uid!)) continue;
          failedUids.add(pod.metadata!.uid!);
          await finish(pod, 'Failed');
        }
        return readJob('flaky');
      },
      (job) => expect(conditionsOf(job)).toEqual(['FailureTarget=True/BackoffLimitExceeded', 'Failed=True/BackoffLimitExceeded']),
    );
    const job = await readJob('flaky');
    expect(job.status).toMatchObject({ failed: 2, uncountedTerminatedPods: {} });
    expect(job.status?.conditions?.[1]?.message).toBe('Job has reached the specified backoff limit');
    expect(job.status?.completionTime).toBeUndefined();
    expect(await podsOf('flaky')).toHaveLength(2);
    await eventually(() => eventsOf('flaky'), (e) => expect(e).toContain('BackoffLimitExceeded: Job has reached the specified backoff limit'));
  });

  it('fails with DeadlineExceeded after activeDeadlineSeconds and deletes the active pods', async () => {
    await createJob('slow', { activeDeadlineSeconds: 1, parallelism: 2, completions: 2 }, ['sleep', '3600']);
    await eventually(() => podsOf('slow'), (pods) => expect(pods).toHaveLength(2));
    const job = await eventually(
      () => readJob('slow'),
      (j) => expect(conditionsOf(j)).toEqual(['FailureTarget=True/DeadlineExceeded', 'Failed=True/DeadlineExceeded']),
      6_000,
    );
    expect(job.status).toMatchObject({ failed: 2, terminating: 0 });
    // Unbound pods go at once; the finalizer came off after they were counted.
    await eventually(() => podsOf('slow'), (pods) => expect(pods).toHaveLength(0));
    const events = await eventually(() => eventsOf('slow'), (e) => expect(e).toContain('DeadlineExceeded: Job was active longer than specified deadline'));
    expect(events.filter((e) => e.startsWith('SuccessfulDelete: Deleted pod: slow-'))).toHaveLength(2);
  });

  it('runs an Indexed job: one pod per index with hostname and JOB_COMPLETION_INDEX, completedIndexes as intervals', async () => {
    await createJob('indexed', { completions: 3, parallelism: 3, completionMode: 'Indexed' });
    const pods = await eventually(() => podsOf('indexed'), (p) => expect(p).toHaveLength(3));
    const byIndex = new Map(pods.map((p) => [p.metadata?.annotations?.['batch.kubernetes.io/job-completion-index'], p]));
    expect([...byIndex.keys()].sort()).toEqual(['0', '1', '2']);
    const pod1 = byIndex.get('1')!;
    expect(pod1.metadata?.generateName).toBe('indexed-1-');
    expect(pod1.metadata?.labels?.['batch.kubernetes.io/job-completion-index']).toBe('1');
    expect(pod1.spec?.hostname).toBe('indexed-1');
    expect(pod1.spec?.containers[0]?.env).toEqual([
      { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } },
    ]);
    await finish(byIndex.get('0')!, 'Succeeded');
    await finish(byIndex.get('2')!, 'Succeeded');
    await eventually(() => readJob('indexed'), (j) => expect(j.status).toMatchObject({ completedIndexes: '0,2', succeeded: 2, active: 1 }));
    await finish(pod1, 'Succeeded');
    const job = await eventually(() => readJob('indexed'), (j) => expect(conditionsOf(j)).toContain('Complete=True/CompletionsReached'));
    expect(job.status).toMatchObject({ completedIndexes: '0-2', succeeded: 3 });
    for (const pod of await podsOf('indexed')) expect(pod.metadata?.finalizers ?? []).not.toContain(JOB_TRACKING_FINALIZER);
  });

  it('replaces a failed index with a new pod for the same index', async () => {
    await createJob('retry-index', { completions: 2, parallelism: 2, completionMode: 'Indexed', backoffLimit: 3 });
    const pods = await eventually(() => podsOf('retry-index'), (p) => expect(p).toHaveLength(2));
    const zero = pods.find((p) => p.metadata?.annotations?.['batch.kubernetes.io/job-completion-index'] === '0')!;
    await finish(zero, 'Failed');
    const after = await eventually(() => podsOf('retry-index'), (p) => expect(p).toHaveLength(3));
    const zeros = after.filter((p) => p.metadata?.annotations?.['batch.kubernetes.io/job-completion-index'] === '0');
    expect(zeros).toHaveLength(2);
    await eventually(() => readJob('retry-index'), (j) => expect(j.status).toMatchObject({ failed: 1, active: 2 }));
  });

  it('releases the finalizer of pods whose job was deleted', async () => {
    await createJob('gone', {}, ['sleep', '3600']);
    const [pod] = await eventually(() => podsOf('gone'), (pods) => expect(pods).toHaveLength(1));
    await client.delete(`${JOBS}/gone`, { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Orphan' });
    await eventually(
      () => client.get<Pod>(`${PODS}/${pod!.metadata!.name}`),
      (p) => expect(p.metadata?.finalizers ?? []).not.toContain(JOB_TRACKING_FINALIZER),
    );
  });
});

describe('TtlAfterFinishedController', () => {
  it('deletes a finished job once its TTL has passed', async () => {
    await createJob('short-lived', { ttlSecondsAfterFinished: 0 });
    const [pod] = await eventually(() => podsOf('short-lived'), (pods) => expect(pods).toHaveLength(1));
    await finish(pod!, 'Succeeded');
    await eventually(
      () => readJob('short-lived').then(() => 'present', (err: unknown) => (err instanceof ApiError && err.code === 404 ? 'gone' : 'error')),
      (state) => expect(state).toBe('gone'),
    );
  });
});
