import { describe, expect, it } from 'vitest';
import type { KubernetesObject } from '@kctl/shared';
import { strategyFor } from './strategy-table.js';
import { describeErrors, runCreate, runUpdate } from './strategy-pipeline.js';

const jobs = strategyFor('batch', 'jobs');
const job = (restartPolicy = 'Never'): KubernetesObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'pi', namespace: 'default', uid: 'job-uid-1' },
  spec: { template: { spec: { restartPolicy, containers: [{ name: 'pi', image: 'perl:5.34' }] } } },
});

describe('Job strategy', () => {
  it('defaults the spec and generates a selector from the job uid', () => {
    const { object, errors } = runCreate(jobs, job());
    expect(errors).toEqual([]);
    const generatedLabels = {
      'batch.kubernetes.io/controller-uid': 'job-uid-1',
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': 'job-uid-1',
      'job-name': 'pi',
    };
    expect(object.spec).toMatchObject({
      parallelism: 1,
      completions: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
      manualSelector: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'job-uid-1' } },
      template: { metadata: { labels: generatedLabels }, spec: { dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30 } },
    });
    expect(object.metadata?.labels).toEqual(generatedLabels);
    expect(object.status).toEqual({});
    expect(jobs.tracksGeneration).toBe(true);
  });

  it('leaves completions unset for a parallel job that only sets parallelism', () => {
    const parallel = job();
    (parallel.spec as Record<string, unknown>).parallelism = 3;
    expect(runCreate(jobs, parallel).object.spec).not.toHaveProperty('completions');
  });

  it('keeps a manual selector and validates it against the template', () => {
    const manual = job();
    Object.assign(manual.spec as object, { manualSelector: true, selector: { matchLabels: { run: 'pi' } } });
    const { object, errors } = runCreate(jobs, manual);
    expect(describeErrors(errors)).toEqual(['spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`']);
    expect((object.spec as any).template.metadata).toBeUndefined();
  });

  it('requires restartPolicy Never or OnFailure', () => {
    const pod = job();
    delete ((pod.spec as any).template.spec as Record<string, unknown>).restartPolicy;
    expect(describeErrors(runCreate(jobs, pod).errors)).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    ]);
  });

  it('rejects negative counts', () => {
    const negative = job();
    Object.assign(negative.spec as object, { parallelism: -1, backoffLimit: -2 });
    expect(describeErrors(runCreate(jobs, negative).errors)).toEqual([
      'spec.parallelism: Invalid value: -1: must be greater than or equal to 0',
      'spec.backoffLimit: Invalid value: -2: must be greater than or equal to 0',
    ]);
  });

  it('keeps selector, template and completions immutable', () => {
    const old = runCreate(jobs, job()).object;
    const changed = structuredClone(old);
    (changed.spec as any).template.spec.containers[0].image = 'perl:5.36';
    (changed.spec as any).completions = 2;
    expect(describeErrors(runUpdate(jobs, changed, old).errors).map((e) => e.split(':')[0])).toEqual(['spec.completions', 'spec.template']);
    const suspended = structuredClone(old);
    (suspended.spec as any).suspend = true;
    expect(runUpdate(jobs, suspended, old).errors).toEqual([]);
  });
});

describe('CronJob strategy', () => {
  const cronJobs = strategyFor('batch', 'cronjobs');
  const cronJob = (schedule: string): KubernetesObject => ({
    metadata: { name: 'hello', namespace: 'default' },
    spec: { schedule, jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } } },
  });

  it('defaults the schedule policy, history limits and the job template pods', () => {
    const { object, errors } = runCreate(cronJobs, cronJob('*/5 * * * *'));
    expect(errors).toEqual([]);
    expect(object.spec).toMatchObject({
      concurrencyPolicy: 'Allow',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: { spec: { template: { spec: { schedulerName: 'default-scheduler', containers: [{ imagePullPolicy: 'Always' }] } } } },
    });
    expect((object.spec as any).jobTemplate.spec).not.toHaveProperty('backoffLimit');
    expect(cronJobs.tracksGeneration).toBe(true);
  });

  it('rejects a missing or malformed schedule with the cron parser text', () => {
    expect(describeErrors(runCreate(cronJobs, cronJob('')).errors)).toEqual(['spec.schedule: Required value']);
    expect(describeErrors(runCreate(cronJobs, cronJob('x')).errors)).toEqual([
      'spec.schedule: Invalid value: "x": expected exactly 5 fields, found 1: [x]',
    ]);
    expect(describeErrors(runCreate(cronJobs, cronJob('TZ=UTC 0 * * * *')).errors)).toEqual([
      'spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    ]);
  });
});
