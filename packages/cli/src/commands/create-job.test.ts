// `kctl create job` / `kctl create cronjob` build exactly what kubectl builds: compared byte for
// byte with kubectl's own --dry-run=client -o json when kubectl is installed.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultCatalog } from '@kctl/shared';
import type { ApiClient } from '@kctl/shared';
import { createCronJob } from './create-cronjob.js';
import { createJob, jobFromCronJob } from './create-job.js';

const KUBECTL = '/usr/bin/kubectl';
const ctx = { client: {} as ApiClient, catalog: defaultCatalog, namespace: 'default', namespaceExplicit: false };

afterEach(() => vi.restoreAllMocks());

async function printed(fn: () => Promise<number>): Promise<string> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  expect(await fn()).toBe(0);
  return out;
}

const kubectl = (args: string[]) => execFileSync(KUBECTL, args, { env: { ...process.env, KUBECONFIG: '/dev/null' }, encoding: 'utf8' });

describe('kctl create job / cronjob', () => {
  it.skipIf(!existsSync(KUBECTL))('print what kubectl prints for --dry-run=client -o json', async () => {
    const argv = ['node', 'kctl', 'create', 'job', 'x', '--image=busybox', '--', 'sh', '-c', 'true'];
    const job = await printed(() => createJob(ctx, ['x', 'sh', '-c', 'true'], { image: 'busybox', dryRun: 'client', output: 'json' }, argv));
    expect(job).toBe(kubectl(['create', 'job', 'x', '--image=busybox', '--dry-run=client', '-o', 'json', '--', 'sh', '-c', 'true']));
    const cron = await printed(() => createCronJob(ctx, ['c'], { image: 'busybox', schedule: '* * * * *', dryRun: 'client', output: 'json' }, ['node', 'kctl']));
    expect(cron).toBe(kubectl(['create', 'cronjob', 'c', '--image=busybox', '--schedule=* * * * *', '--dry-run=client', '-o', 'json']));
  });

  it("refuses kubectl's invalid flag combinations with kubectl's messages", async () => {
    await expect(createJob(ctx, ['x'], {}, ['node'])).rejects.toThrow('either --image or --from must be specified');
    await expect(createJob(ctx, ['x'], { image: 'a', from: 'cronjob/y' }, ['node'])).rejects.toThrow('either --image or --from must be specified');
    await expect(createJob(ctx, ['x', 'true'], { from: 'cronjob/y' }, ['node', 'kctl', '--', 'true'])).rejects.toThrow('cannot specify --from and command');
    await expect(createCronJob(ctx, ['c'], { image: 'a' }, ['node'])).rejects.toThrow('--schedule must be specified');
  });

  it('makes the Job of a CronJob with the manual annotation and a controller reference', () => {
    const job = jobFromCronJob('manual', {
      metadata: { name: 'tick', uid: 'u-1' },
      spec: { jobTemplate: { metadata: { labels: { app: 'tick' }, annotations: { a: 'b' } }, spec: { backoffLimit: 2 } } },
    });
    expect(job.metadata).toEqual({
      name: 'manual',
      creationTimestamp: null,
      labels: { app: 'tick' },
      annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', a: 'b' },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'tick', uid: 'u-1', controller: true }],
    });
    expect(job.spec).toEqual({ backoffLimit: 2 });
  });
});
