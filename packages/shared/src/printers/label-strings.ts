// The label and selector strings printers show: labels.FormatLabels, LabelSelectorAsSelector
// + Selector.String() and metav1.FormatLabelSelector (k8s.io/apimachinery).
import { labelSelectorFromSpec, type LabelSelectorSpec } from '../selectors/label-selector.js';
import { SelectorParseError } from '../selectors/selector-errors.js';

export type LabelSelectorLike = LabelSelectorSpec;
export type LabelSelectorRequirementLike = NonNullable<LabelSelectorSpec['matchExpressions']>[number];

/** `k=v` pairs sorted and joined with `,`; `<none>` for an empty or absent map. */
export function formatLabels(labels?: Record<string, string>): string {
  const pairs = Object.entries(labels ?? {}).map(([key, value]) => `${key}=${value}`);
  return pairs.length === 0 ? '<none>' : pairs.sort().join(',');
}

/**
 * The selector as kubectl prints it: `<error>` when it is invalid, `<none>` when it selects
 * everything (empty) or nothing (absent), otherwise the canonical selector string.
 */
export function formatLabelSelector(selector?: LabelSelectorLike): string {
  const text = labelSelectorString(selector);
  if (text === undefined) return '<error>';
  return text === '' ? '<none>' : text;
}

/**
 * Canonical selector string (requirements sorted by key, set values sorted), `''` for a nil
 * or empty selector, and `undefined` when the selector would fail LabelSelectorAsSelector.
 */
export function labelSelectorString(selector?: LabelSelectorLike): string | undefined {
  if (!selector) return '';
  try {
    return labelSelectorFromSpec(selector).toString();
  } catch (error) {
    if (error instanceof SelectorParseError) return undefined;
    throw error;
  }
}
