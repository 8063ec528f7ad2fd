// batch/v1 Job validation (ValidateJob, validateJobSpec, ValidateJobSpecUpdate), shared with the
// job template inside a CronJob.
import { fieldErrors, type FieldError, type KubernetesObject } from '@kctl/shared';
import { oneOf } from './container-validation.js';
import { isRecord, jsonEqual, stringMapOf, type JsonRecord } from './object-access.js';
import { validateNonNegativeFields, validateSelectorAndTemplate, validateSelectorUnchanged } from './workload-validation.js';
import { validatePodTemplateSpec } from './pod-spec-validation.js';

export const JOB_RESTART_POLICIES = ['OnFailure', 'Never'];
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const LEGACY_JOB_NAME_LABEL = 'job-name';

/** The spec rules a Job and a CronJob's job template share (everything but the selector). */
export function validateJobSpecCommon(spec: JsonRecord, path: string): FieldError[] {
  const errs = validateNonNegativeFields(spec, ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished'], path);
  const mode = spec.completionMode;
  if (mode !== undefined) {
    errs.push(...oneOf(mode, ['NonIndexed', 'Indexed'], `${path}.completionMode`));
    if (mode === 'Indexed' && spec.completions === undefined) errs.push(fieldErrors.required(`${path}.completions`, 'when completion mode is Indexed'));
  }
  if (spec.podReplacementPolicy !== undefined) {
    errs.push(...oneOf(spec.podReplacementPolicy, ['Failed', 'TerminatingOrFailed'], `${path}.podReplacementPolicy`));
  }
  const restartPolicy = (((spec.template as JsonRecord | undefined)?.spec ?? {}) as JsonRecord).restartPolicy;
  if (restartPolicy === 'OnFailure' && spec.podFailurePolicy !== undefined) {
    errs.push(fieldErrors.invalid(`${path}.template.spec.restartPolicy`, restartPolicy, 'only "Never" is supported when podFailurePolicy is specified'));
  }
  return errs;
}

export function validateJob(job: KubernetesObject): FieldError[] {
  const spec = isRecord(job.spec) ? job.spec : {};
  return [
    ...validateGeneratedSelector(job, spec),
    ...validateSelectorAndTemplate(spec, { restartPolicies: JOB_RESTART_POLICIES }),
    ...validateJobSpecCommon(spec, 'spec'),
  ];
}

/** With a generated selector, the template must carry the job's own uid and name labels. */
function validateGeneratedSelector(job: KubernetesObject, spec: JsonRecord): FieldError[] {
  if (spec.manualSelector === true) return [];
  const labels = stringMapOf((spec.template as JsonRecord | undefined)?.metadata && ((spec.template as JsonRecord).metadata as JsonRecord).labels);
  if (!labels) return [];
  const uid = job.metadata?.uid ?? '';
  const name = job.metadata?.name ?? '';
  const errs: FieldError[] = [];
  const expectLabel = (key: string, expected: string) => {
    const path = `spec.template.metadata.labels[${key}]`;
    if (!(key in labels)) errs.push(fieldErrors.required(path, expected));
    else if (labels[key] !== expected) errs.push(fieldErrors.invalid(path, labels, `must be '${expected}'`));
  };
  expectLabel(LEGACY_CONTROLLER_UID_LABEL, uid);
  expectLabel(LEGACY_JOB_NAME_LABEL, name);
  expectLabel(CONTROLLER_UID_LABEL, uid);
  expectLabel(JOB_NAME_LABEL, name);
  const selectorLabels = stringMapOf((spec.selector as JsonRecord | undefined)?.matchLabels) ?? {};
  if (selectorLabels[CONTROLLER_UID_LABEL] !== uid) {
    errs.push(fieldErrors.invalid('spec.selector', spec.selector ?? null, '`selector` not auto-generated'));
  }
  return errs;
}

const IMMUTABLE_JOB_FIELDS = ['completions', 'completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy'];

export function validateJobUpdate(job: KubernetesObject, old: KubernetesObject): FieldError[] {
  const spec = isRecord(job.spec) ? job.spec : {};
  const oldSpec = isRecord(old.spec) ? old.spec : {};
  const errs = validateSelectorUnchanged(spec, oldSpec);
  for (const field of IMMUTABLE_JOB_FIELDS) {
    if (!jsonEqual(spec[field], oldSpec[field])) errs.push(fieldErrors.invalid(`spec.${field}`, spec[field] ?? null, 'field is immutable'));
  }
  if (!jsonEqual(spec.template, oldSpec.template)) errs.push(fieldErrors.invalid('spec.template', spec.template, 'field is immutable'));
  return errs;
}

/** A CronJob's jobTemplate: the selector is always generated when the Job is created. */
export function validateJobTemplateSpec(jobTemplate: unknown, path: string): FieldError[] {
  const spec = isRecord(jobTemplate) && isRecord(jobTemplate.spec) ? jobTemplate.spec : {};
  const errs = [
    ...validateJobSpecCommon(spec, `${path}.spec`),
    ...validatePodTemplateSpec(spec.template, `${path}.spec.template`, JOB_RESTART_POLICIES),
  ];
  if (spec.selector !== undefined) errs.push(fieldErrors.invalid(`${path}.spec.selector`, spec.selector, '`selector` will be auto-generated'));
  if (spec.manualSelector === true) errs.push(fieldErrors.notSupported(`${path}.spec.manualSelector`, true, ['nil', 'false']));
  return errs;
}
