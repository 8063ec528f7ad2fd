// metav1.LabelSelector: validation with apimachinery's messages, and matching against a label set
// (workload strategies check that a selector selects its own pod template).
// TODO: move the matcher to @kctl/shared selectors once that module exists; it has no server deps.
import { fieldErrors, type FieldError } from '@kctl/shared';
import { validateLabels } from './metadata-validation.js';
import { isQualifiedName, isValidLabelValue } from './name-validation.js';
import { arrayOf, isRecord, stringMapOf } from './object-access.js';

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export function validateLabelSelector(selector: unknown, path: string): FieldError[] {
  if (!isRecord(selector)) return [];
  const errs = validateLabels(selector.matchLabels, `${path}.matchLabels`);
  arrayOf<LabelSelectorRequirement>(selector.matchExpressions).forEach((req, i) => {
    const reqPath = `${path}.matchExpressions[${i}]`;
    const values = req.values ?? [];
    switch (req.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(fieldErrors.required(`${reqPath}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) {
          errs.push(fieldErrors.forbidden(`${reqPath}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        }
        break;
      default:
        errs.push(fieldErrors.invalid(`${reqPath}.operator`, req.operator, 'not a valid selector operator'));
    }
    for (const msg of isQualifiedName(String(req.key ?? ''))) errs.push(fieldErrors.invalid(`${reqPath}.key`, req.key, msg));
    values.forEach((value, j) => {
      for (const msg of isValidLabelValue(value)) errs.push(fieldErrors.invalid(`${reqPath}.values[${j}]`, value, msg));
    });
  });
  return errs;
}

/** A selector with neither matchLabels nor matchExpressions selects everything: workloads reject it. */
export function isEmptySelector(selector: LabelSelector | undefined): boolean {
  return !selector || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0);
}

export function selectorMatches(selector: LabelSelector, labels: Record<string, string> | undefined): boolean {
  const set = labels ?? {};
  for (const [key, value] of Object.entries(stringMapOf(selector.matchLabels) ?? {})) {
    if (set[key] !== value) return false;
  }
  return (selector.matchExpressions ?? []).every((req) => requirementMatches(req, set));
}

function requirementMatches(req: LabelSelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, req.key);
  const value = labels[req.key];
  switch (req.operator) {
    case 'In':
      return has && (req.values ?? []).includes(value ?? '');
    case 'NotIn':
      return !has || !(req.values ?? []).includes(value ?? '');
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}
