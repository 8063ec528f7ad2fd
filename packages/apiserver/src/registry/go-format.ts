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
