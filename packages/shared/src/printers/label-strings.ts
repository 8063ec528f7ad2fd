// The label and selector strings printers show: labels.FormatLabels, LabelSelectorAsSelector
// + Selector.String() and metav1.FormatLabelSelector (k8s.io/apimachinery).

export interface LabelSelectorRequirementLike {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelectorLike {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirementLike[];
}

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
  const requirements: Array<{ key: string; text: string }> = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (!isQualifiedName(key) || !isLabelValue(value)) return undefined;
    requirements.push({ key, text: `${key}=${value}` });
  }
  for (const expression of selector.matchExpressions ?? []) {
    const text = requirementString(expression);
    if (text === undefined) return undefined;
    requirements.push({ key: expression.key, text });
  }
  // Selector.Add sorts by key only; Array.prototype.sort is stable, so equal keys keep their order.
  requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return requirements.map((requirement) => requirement.text).join(',');
}

function requirementString({ key, operator, values = [] }: LabelSelectorRequirementLike): string | undefined {
  if (!isQualifiedName(key)) return undefined;
  switch (operator) {
    case 'In':
    case 'NotIn': {
      if (values.length === 0 || !values.every(isLabelValue)) return undefined;
      const keyword = operator === 'In' ? 'in' : 'notin';
      return `${key} ${keyword} (${[...values].sort().join(',')})`;
    }
    case 'Exists':
      return values.length === 0 ? key : undefined;
    case 'DoesNotExist':
      return values.length === 0 ? `!${key}` : undefined;
    default:
      return undefined;
  }
}

const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** validation.IsQualifiedName: `[prefix/]name`, prefix a DNS subdomain, name at most 63 characters. */
function isQualifiedName(key: string): boolean {
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts.length === 2 ? parts[1] : parts[0];
  const prefix = parts.length === 2 ? parts[0] : undefined;
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return false;
  return name !== undefined && name.length <= 63 && NAME_PART.test(name);
}

/** validation.IsValidLabelValue: empty, or a name part of at most 63 characters. */
function isLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && NAME_PART.test(value));
}
