// Rules every pod-template workload shares (apps/v1 validation): a non-empty selector that selects
// the template's labels, an immutable selector, non-negative counts, int-or-percent rollout knobs.
import { fieldErrors, type FieldError, type LabelSelectorSpec, regexError } from '@kctl/shared';
import { invalidGoValue } from './extra-field-errors.js';
import { goLabelSelector, goStringMap } from './go-format.js';
import { isEmptySelector, selectorMatches, validateLabelSelector } from './label-selector.js';
import { isRecord, jsonEqual, stringMapOf, type JsonRecord } from './object-access.js';
import { validatePodTemplateSpec } from './pod-spec-validation.js';
import { nonNegative } from './probe-validation.js';

export interface TemplateRules {
  /**
   * The kind's name as Kubernetes words the empty-selector error ("deployment", "daemonset");
   * undefined for Jobs, which accept an empty selector.
   */
  selectorOwner?: string;
  /** Allowed template restartPolicy values (Always for apps/v1 kinds). */
  restartPolicies: string[];
  /** Kubernetes forbids template activeDeadlineSeconds for long-running kinds, naming the kind. */
  forbidDeadlineFor?: string;
}

/** `spec.selector` and `spec.template` of a workload. */
export function validateSelectorAndTemplate(spec: JsonRecord, rules: TemplateRules, path = 'spec'): FieldError[] {
  const errs: FieldError[] = [];
  const selector = spec.selector as LabelSelectorSpec | undefined;
  if (!isRecord(selector)) {
    errs.push(fieldErrors.required(`${path}.selector`));
  } else {
    errs.push(...validateLabelSelector(selector, `${path}.selector`));
    if (rules.selectorOwner && isEmptySelector(selector)) {
      errs.push(invalidGoValue(`${path}.selector`, goLabelSelector(selector), `empty selector is invalid for ${rules.selectorOwner}`));
    }
  }
  const template = isRecord(spec.template) ? spec.template : undefined;
  const labels = stringMapOf((template?.metadata as JsonRecord | undefined)?.labels);
  if (template && isRecord(selector) && !isEmptySelector(selector) && !selectorMatches(selector, labels)) {
    errs.push(invalidGoValue(`${path}.template.metadata.labels`, goStringMap(labels), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(spec.template, `${path}.template`, rules.restartPolicies));
  const templateSpec = (template?.spec ?? {}) as JsonRecord;
  if (rules.forbidDeadlineFor && templateSpec.activeDeadlineSeconds !== undefined) {
    errs.push(fieldErrors.forbidden(`${path}.template.spec.activeDeadlineSeconds`, `activeDeadlineSeconds in ${rules.forbidDeadlineFor} is not Supported`));
  }
  return errs;
}

/** apps/v1 made selectors immutable: changing one would orphan every existing pod. */
export function validateSelectorUnchanged(spec: JsonRecord, oldSpec: JsonRecord, path = 'spec.selector'): FieldError[] {
  if (jsonEqual(spec.selector, oldSpec.selector)) return [];
  return [invalidGoValue(path, goLabelSelector(spec.selector as LabelSelectorSpec | undefined), 'field is immutable')];
}

export function validateNonNegativeFields(spec: JsonRecord, fields: string[], path = 'spec'): FieldError[] {
  return fields.flatMap((field) => nonNegative(spec[field], `${path}.${field}`));
}

/** maxSurge / maxUnavailable: a non-negative integer or a "N%" string. */
export function validateIntOrPercent(value: unknown, path: string): FieldError[] {
  if (value === undefined) return [];
  if (typeof value === 'number') return nonNegative(value, path);
  const text = String(value);
  if (/^[0-9]+%$/.test(text)) return [];
  return [invalidGoValue(path, text, regexError("a valid percent string must be a numeric string followed by an ending '%'", '[0-9]+%', '1%', '93%'))];
}

/**
 * A rolling update's knobs: maxUnavailable may not exceed 100%, and both at zero would let a
 * rollout make no progress (`bothZeroMessage` differs between Deployment and DaemonSet).
 */
export function validateRollingUpdateKnobs(rollingUpdate: unknown, path: string, bothZeroMessage: string): FieldError[] {
  if (!isRecord(rollingUpdate)) return [];
  const { maxUnavailable, maxSurge } = rollingUpdate;
  const errs = [...validateIntOrPercent(maxUnavailable, `${path}.maxUnavailable`), ...validateIntOrPercent(maxSurge, `${path}.maxSurge`)];
  const isZero = (v: unknown) => v === undefined || v === 0 || v === '0%';
  if (isZero(maxUnavailable) && isZero(maxSurge)) {
    errs.push(invalidGoValue(`${path}.maxUnavailable`, String(maxUnavailable ?? 0), bothZeroMessage));
  }
  if (typeof maxUnavailable === 'string' && Number.parseInt(maxUnavailable, 10) > 100) {
    errs.push(invalidGoValue(`${path}.maxUnavailable`, maxUnavailable, 'must not be greater than 100%'));
  }
  return errs;
}
