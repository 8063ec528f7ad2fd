// Local stand-ins for apimachinery's labels.FormatLabels and metav1.FormatLabelSelector, until
// @kctl/shared's printers/selectors export theirs (then these should be deleted).

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** labels.FormatLabels: "a=1,b=2" sorted by key, "<none>" when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels?.[k] ?? ''}`).join(',');
}

function requirementString(r: LabelSelectorRequirement): string {
  const values = [...(r.values ?? [])].sort().join(',');
  switch (r.operator) {
    case 'In':
      return `${r.key} in (${values})`;
    case 'NotIn':
      return `${r.key} notin (${values})`;
    case 'Exists':
      return r.key;
    case 'DoesNotExist':
      return `!${r.key}`;
    default:
      return `${r.key} ${r.operator.toLowerCase()} (${values})`;
  }
}

/**
 * metav1.LabelSelectorAsSelector(...).String(): requirements sorted by key (a stable sort, so
 * matchLabels come before expressions on the same key); "" for a nil or empty selector.
 */
export function labelSelectorString(selector: LabelSelector | undefined): string {
  if (!selector) return '';
  const requirements: Array<{ key: string; text: string }> = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) requirements.push({ key, text: `${key}=${value}` });
  for (const r of selector.matchExpressions ?? []) requirements.push({ key: r.key, text: requirementString(r) });
  requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return requirements.map((r) => r.text).join(',');
}

/** metav1.FormatLabelSelector: like labelSelectorString but "<none>" when it selects by nothing. */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  return labelSelectorString(selector) || '<none>';
}
