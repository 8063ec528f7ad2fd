// batch/v1 CronJobs: SetDefaults_CronJob, pod defaults for the job template, a valid schedule.
import { fieldErrors, parseCronSchedule, type FieldError, type KubernetesObject } from '@kctl/shared';
import { defaultTemplateOf } from './apps-defaults.js';
import { oneOf } from './container-validation.js';
import { validateJobTemplateSpec } from './job-validation.js';
import { isRecord, sectionOf, type JsonRecord } from './object-access.js';
import type { KindRules } from './strategy-builder.js';
import { validateNonNegativeFields } from './workload-validation.js';

/** Job names get an 11-character suffix (-<minutes since epoch>) and must stay DNS-1035 labels. */
const MAX_CRONJOB_NAME_LENGTH = 52;

function defaultCronJob(cronJob: KubernetesObject): void {
  const spec = sectionOf(cronJob, 'spec');
  spec.concurrencyPolicy ||= 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  const jobTemplate = spec.jobTemplate;
  if (isRecord(jobTemplate)) defaultTemplateOf(sectionOf(jobTemplate, 'spec'));
}

/**
 * Kubernetes only accepts TZ=/CRON_TZ= in a schedule for objects that predate the timeZone field;
 * this cluster has none, so it is always refused.
 */
export function validateSchedule(schedule: unknown, path: string): FieldError[] {
  if (typeof schedule !== 'string' || schedule.length === 0) return [fieldErrors.required(path)];
  const errs: FieldError[] = [];
  const parsed = parseCronSchedule(schedule);
  if (!parsed.ok) errs.push(fieldErrors.invalid(path, schedule, parsed.error));
  if (schedule.includes('TZ')) errs.push(fieldErrors.invalid(path, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  return errs;
}

function validateCronJobSpec(spec: JsonRecord): FieldError[] {
  return [
    ...validateSchedule(spec.schedule, 'spec.schedule'),
    ...validateNonNegativeFields(spec, ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit']),
    ...oneOf(spec.concurrencyPolicy, ['Allow', 'Forbid', 'Replace'], 'spec.concurrencyPolicy'),
    ...validateJobTemplateSpec(spec.jobTemplate, 'spec.jobTemplate'),
  ];
}

const specOf = (obj: KubernetesObject): JsonRecord => (isRecord(obj.spec) ? obj.spec : {});

export const cronJobRules: KindRules = {
  tracksGeneration: true,
  defaults: defaultCronJob,
  validate: (cronJob) => {
    const errs: FieldError[] = [];
    const name = cronJob.metadata?.name ?? '';
    if (name.length > MAX_CRONJOB_NAME_LENGTH) {
      errs.push(fieldErrors.invalid('metadata.name', name, `must be no more than ${MAX_CRONJOB_NAME_LENGTH} characters`));
    }
    return [...errs, ...validateCronJobSpec(specOf(cronJob))];
  },
};
