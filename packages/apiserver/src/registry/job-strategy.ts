// batch/v1 Jobs: SetDefaults_Job, the generated selector (the job's uid, which the REST layer
// assigns before prepareForCreate) and generation tracking.
import type { KubernetesObject } from '@kctl/shared';
import { defaultTemplateOf } from './apps-defaults.js';
import {
  CONTROLLER_UID_LABEL,
  JOB_NAME_LABEL,
  LEGACY_CONTROLLER_UID_LABEL,
  LEGACY_JOB_NAME_LABEL,
  validateJob,
  validateJobUpdate,
} from './job-validation.js';
import { arrayOf, isRecord, metadataOf, sectionOf, stringMapOf, type JsonRecord } from './object-access.js';
import type { KindRules } from './strategy-builder.js';

const MAX_INT32 = 2147483647;

export function defaultJob(job: KubernetesObject): void {
  const spec = sectionOf(job, 'spec');
  // A non-parallel job leaves both unset; then both are 1.
  if (spec.completions === undefined && spec.parallelism === undefined) spec.completions = 1;
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? MAX_INT32 : 6;
  copyTemplateLabelsToUnlabelledJob(job);
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= spec.podFailurePolicy !== undefined ? 'Failed' : 'TerminatingOrFailed';
  spec.manualSelector ??= false;
  const rules = arrayOf<JsonRecord>((spec.podFailurePolicy as JsonRecord | undefined)?.rules);
  for (const pattern of rules.flatMap((rule) => arrayOf<JsonRecord>(rule.onPodConditions))) pattern.status ??= 'True';
  defaultTemplateOf(spec);
}

/** SetDefaults_Job: a job without labels of its own takes its pod template's. */
function copyTemplateLabelsToUnlabelledJob(job: KubernetesObject): void {
  const spec = isRecord(job.spec) ? job.spec : {};
  const templateLabels = stringMapOf((spec.template as JsonRecord | undefined)?.metadata && ((spec.template as JsonRecord).metadata as JsonRecord).labels);
  const meta = metadataOf(job);
  if (templateLabels && Object.keys(meta.labels ?? {}).length === 0) meta.labels = { ...templateLabels };
}

/**
 * generateSelector: label the template with the job's uid and name and select on the uid, so the
 * job's pods can never be confused with another job's. Labels the user already set are kept;
 * validation rejects them if they disagree.
 */
export function generateJobSelector(job: KubernetesObject): void {
  const spec = sectionOf(job, 'spec');
  if (spec.manualSelector === true) return;
  const meta = metadataOf(job);
  const templateMeta = sectionOf(sectionOf(spec, 'template'), 'metadata');
  const labels = (templateMeta.labels = { ...stringMapOf(templateMeta.labels) });
  for (const key of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) labels[key] ??= meta.name ?? '';
  for (const key of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) labels[key] ??= meta.uid ?? '';
  const selector = sectionOf(spec, 'selector');
  const matchLabels = (selector.matchLabels = { ...stringMapOf(selector.matchLabels) });
  matchLabels[CONTROLLER_UID_LABEL] ??= meta.uid ?? '';
}

export const jobRules: KindRules = {
  tracksGeneration: true,
  defaults: defaultJob,
  prepareForCreate: (job) => {
    generateJobSelector(job);
    // Kubernetes re-applies defaults whenever it reads a Job back, so a job without labels
    // ends up with the generated template labels too; do it once here.
    copyTemplateLabelsToUnlabelledJob(job);
  },
  validate: validateJob,
  validateUpdate: validateJobUpdate,
};
