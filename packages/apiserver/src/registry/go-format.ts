// Kubernetes prints a field error's bad value with Go's fmt verbs: %q for strings, %v for
// numbers and %#v for everything else. Messages that show maps or slices (a selector that does not
// match a template, a duplicate service port) must look like Go's output for clients to see the
// same text as from a real API server.

/** `map[string]string{"a":"1", "b":"2"}`: Go prints map keys sorted and pairs separated by ", ". */
export function goStringMap(map: Record<string, string> | undefined): string {
  if (!map) return 'map[string]string(nil)';
  const pairs = Object.keys(map)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${JSON.stringify(map[key])}`);
  return `map[string]string{${pairs.join(', ')}}`;
}

/** `[]string{"a", "b"}` */
export function goStringSlice(values: readonly string[] | undefined): string {
  if (!values) return '[]string(nil)';
  return `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
}

interface SelectorLike {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key?: string; operator?: string; values?: string[] }>;
}

/**
 * A metav1.LabelSelector as %#v prints it: the text of the well-known
 * `spec.selector: Invalid value: v1.LabelSelector{...}: field is immutable`.
 */
export function goLabelSelector(selector: SelectorLike | undefined): string {
  const expressions = selector?.matchExpressions;
  const expressionText = expressions
    ? `[]v1.LabelSelectorRequirement{${expressions
        .map((e) => `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key ?? '')}, Operator:${JSON.stringify(e.operator ?? '')}, Values:${goStringSlice(e.values)}}`)
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${goStringMap(selector?.matchLabels)}, MatchExpressions:${expressionText}}`;
}
