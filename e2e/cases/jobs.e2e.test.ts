// Jobs and CronJobs (issue 5), through the real kubectl on a one-node cluster: a 5-completion,
// 2-parallel Job completes without ever running more than 2 pods at once; a Job whose pods exit 1
// fails with BackoffLimitExceeded; a "* * * * *" CronJob (created in beforeAll, so its minute
// boundary passes while the Job tests run) starts a Job on schedule that completes; kubectl's
// own `create job --from=cronjob/...` works against the API; `get jobs` / `get cronjobs` columns.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { V1CronJob, V1Job, V1Pod } from '@kubernetes/client-node';
import type { KubernetesList, WatchEvent } from '@kctl/shared';
import { FAST_KUBELET_ARGS, startCluster } from '../harness/cluster.js';
import type { TestCluster } from '../harness/cluster.js';
import { hasKubectl, kctl, kubectl } from '../harness/run-cli.js';

let cluster: TestCluster | undefined;
let cronJob: V1CronJob;
const suffix = Math.random().toString(36).slice(2, 7);
const CRON = `tick-${suffix}`;

const run = (args: string[], input?: string) => kubectl(cluster!.kubeconfig, args, input);

function job(name: string, spec: Record<string, unknown>, script: string): string {
  return JSON.stringify({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: { ...spec, template: { spec: { restartPolicy: 'Never', terminationGracePeriodSeconds: 1, containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', script] }] } } },
  });
}

/** `kubectl get KIND NAME` as a header → value map (columns split on 2+ spaces: LAST SCHEDULE has one). */
async function columns(kind: string, name: string): Promise<Record<string, string>> {
  const got = await run(['get', kind, name]);
  expect(got.exitCode, got.stderr).toBe(0);
  const [header, row] = got.stdout.trim().split('\n');
  const keys = header!.trim().split(/\s{2,}/);
  const values = row!.trim().split(/\s{2,}/);
  return Object.fromEntries(keys.map((key, i) => [key, values[i]!]));
}

const jsonpath = async (kind: string, name: string, path: string) => (await run(['get', kind, name, '-o', `jsonpath=${path}`])).stdout;

describe.skipIf(!hasKubectl)('Jobs and CronJobs', () => {
  beforeAll(async () => {
    cluster = await startCluster({ nodes: 1, kubeletArgs: FAST_KUBELET_ARGS });
    // kubectl's typed generator: a protobuf body the API server decodes like kubectl's own JSON.
    const created = await run(['create', 'cronjob', CRON, '--image=busybox:1.36', '--schedule=* * * * *', '--', 'sh', '-c', 'true']);
    expect(created.exitCode, created.stderr).toBe(0);
    cronJob = await cluster.client.get<V1CronJob>(`/apis/batch/v1/namespaces/default/cronjobs/${CRON}`);
  }, 90_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 90_000);

  it('runs 5 completions 2 at a time and completes', async () => {
    const name = `batch-${suffix}`;
    // Watch the job's pods from before it exists and record the most ever active at once.
    const active = new Map<string, boolean>();
    let maxActive = 0;
    const stopWatch = new AbortController();
    const watching = (async () => {
      const events = cluster!.client.watch<V1Pod>('/api/v1/namespaces/default/pods', { labelSelector: `batch.kubernetes.io/job-name=${name}` }, { signal: stopWatch.signal });
      for await (const event of events as AsyncGenerator<WatchEvent<V1Pod>>) {
        const pod = event.object;
        const phase = pod.status?.phase;
        active.set(pod.metadata!.uid!, event.type !== 'DELETED' && phase !== 'Succeeded' && phase !== 'Failed');
        maxActive = Math.max(maxActive, [...active.values()].filter(Boolean).length);
      }
    })().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const applied = await run(['apply', '-f', '-'], job(name, { completions: 5, parallelism: 2 }, 'sleep 1'));
    expect(applied.exitCode, applied.stderr).toBe(0);
    const waited = await run(['wait', '--for=condition=complete', `job/${name}`, '--timeout=60s']);
    expect(waited.exitCode, waited.stderr).toBe(0);
    stopWatch.abort();
    await watching;

    expect(maxActive).toBe(2);
    const done = await cluster!.client.get<V1Job>(`/apis/batch/v1/namespaces/default/jobs/${name}`);
    expect(done.status).toMatchObject({ succeeded: 5, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(done.status?.conditions?.map((c) => c.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
    const cells = await columns('jobs', name);
    expect(Object.keys(cells)).toEqual(['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE']);
    expect(cells).toMatchObject({ NAME: name, STATUS: 'Complete', COMPLETIONS: '5/5' });
    const events = await run(['get', 'events', '--field-selector', `involvedObject.name=${name}`, '-o', 'jsonpath={range .items[*]}{.reason}{"\\n"}{end}']);
    expect(events.stdout.split('\n').filter((r) => r === 'SuccessfulCreate').length).toBeGreaterThanOrEqual(1);
    expect(events.stdout).toContain('Completed');
  }, 70_000);

  it('fails with BackoffLimitExceeded once its pods failed more than backoffLimit times', async () => {
    const name = `flaky-${suffix}`;
    const applied = await run(['apply', '-f', '-'], job(name, { backoffLimit: 1 }, 'exit 1'));
    expect(applied.exitCode, applied.stderr).toBe(0);
    // The replacement waits out the 10 s pod failure back-off, as upstream.
    const waited = await run(['wait', '--for=condition=failed', `job/${name}`, '--timeout=60s']);
    expect(waited.exitCode, waited.stderr).toBe(0);
    expect(await jsonpath('job', name, '{.status.conditions[?(@.type=="Failed")].reason}')).toBe('BackoffLimitExceeded');
    expect(await jsonpath('job', name, '{.status.failed}')).toBe('2');
    expect((await columns('jobs', name)).STATUS).toBe('Failed');
  }, 70_000);

  it('starts a Job of the CronJob on schedule, and it completes', async () => {
    // creationTimestamp has whole seconds: the first schedule time is the next minute boundary.
    const boundary = (Math.floor(Date.parse(cronJob.metadata!.creationTimestamp as unknown as string) / 60_000) + 1) * 60_000;
    const name = `${CRON}-${boundary / 60_000}`;
    const scheduled = await vi.waitFor(
      async () => {
        const list = await cluster!.client.get<KubernetesList<V1Job>>('/apis/batch/v1/namespaces/default/jobs');
        const found = list.items.find((j) => j.metadata?.name === name);
        if (!found) throw new Error(`no job ${name} yet`);
        return found;
      },
      { timeout: Math.max(0, boundary - Date.now()) + 15_000, interval: 250 },
    );
    expect(Date.parse(scheduled.metadata!.creationTimestamp as unknown as string) - boundary).toBeLessThanOrEqual(15_000);
    expect(scheduled.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'CronJob', name: CRON, controller: true });
    const waited = await run(['wait', '--for=condition=complete', `job/${name}`, '--timeout=40s']);
    expect(waited.exitCode, waited.stderr).toBe(0);
    await vi.waitFor(async () => expect(await jsonpath('cronjob', CRON, '{.status.lastSuccessfulTime}')).not.toBe(''), { timeout: 10_000, interval: 250 });
    const cells = await columns('cronjobs', CRON);
    expect(Object.keys(cells)).toEqual(['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE']);
    expect(cells).toMatchObject({ NAME: CRON, SCHEDULE: '* * * * *', TIMEZONE: '<none>', SUSPEND: 'False' });
  }, 90_000);

  it('runs Jobs made by kubectl and kctl create job --from=cronjob/...', async () => {
    const names = [`manual-${suffix}`, `manual-kctl-${suffix}`];
    const byKubectl = await run(['create', 'job', names[0]!, `--from=cronjob/${CRON}`]);
    const byKctl = await kctl(cluster!.kubeconfig, ['create', 'job', names[1]!, `--from=cronjob/${CRON}`]);
    for (const [i, created] of [byKubectl, byKctl].entries()) {
      expect(created.exitCode, created.stderr).toBe(0);
      expect(created.stdout.trim()).toBe(`job.batch/${names[i]} created`);
    }
    for (const name of names) {
      const waited = await run(['wait', '--for=condition=complete', `job/${name}`, '--timeout=40s']);
      expect(waited.exitCode, waited.stderr).toBe(0);
      expect(await jsonpath('job', name, '{.metadata.annotations.cronjob\\.kubernetes\\.io/instantiate}')).toBe('manual');
    }
  }, 60_000);
});
