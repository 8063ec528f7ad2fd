// metav1.LabelSelector in workload specs: validation as FieldErrors with apimachinery's
// ValidateLabelSelector wording (the shared selector parser throws one aggregated message
// instead), and matching through the shared LabelSelector.
import {
  fieldErrors,
  isQualifiedName,
  isValidLabelValue,
  labelSelectorFromSpec,
  SelectorParseError,
  type FieldError,
  type LabelSelectorSpec,
} from '@kctl/shared';
import { validateLabels } from './metadata-validation.js';
import { arrayOf, isRecord, stringMapOf } from './object-access.js';

type LabelSelectorRequirement = NonNullable<LabelSelectorSpec['matchExpressions']>[number];

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
export function isEmptySelector(selector: LabelSelectorSpec | undefined): boolean {
  return !selector || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0);
}

/** Whether the selector selects `labels`; an invalid selector (reported by validateLabelSelector) selects nothing. */
export function selectorMatches(selector: LabelSelectorSpec, labels: Record<string, string> | undefined): boolean {
  try {
    // The body is untyped client JSON: mistyped sections are ignored here, validation reports them.
    const spec = { matchLabels: stringMapOf(selector.matchLabels), matchExpressions: arrayOf(selector.matchExpressions) };
    return labelSelectorFromSpec(spec).matches(labels);
  } catch (error) {
    if (error instanceof SelectorParseError) return false;
    throw error;
  }
}
