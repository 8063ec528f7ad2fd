// Renders validation failures the way apimachinery's field.Error / utilerrors.Aggregate print them,
// so selector error messages read exactly like kube-apiserver's.

/** `field.Invalid(path, value, detail).Error()`: `<path>: Invalid value: <value>: <detail>`. */
export function invalidValueText(path: string, value: string | readonly string[], detail: string): string {
  // Strings are printed with Go's %q, anything else as JSON; JSON.stringify matches %q for printable text.
  return `${path}: Invalid value: ${JSON.stringify(value)}: ${detail}`;
}

/** `utilerrors.NewAggregate(errs).Error()`: one message alone, several as `[a, b]` (duplicates dropped). */
export function aggregateText(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? (unique[0] ?? '') : `[${unique.join(', ')}]`;
}
