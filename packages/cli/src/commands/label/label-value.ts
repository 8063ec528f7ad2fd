// apimachinery's IsValidLabelValue with its exact messages. The same check lives in
// @kctl/shared (selectors/label-validation.ts) but is not exported from the package; once it
// is, import `labelValueErrors` from there and delete this file.
const LABEL_VALUE_FMT = '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?';
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const MAX_LENGTH = 63;

export function labelValueErrors(value: string): string[] {
  const errors: string[] = [];
  // Go measures the length in bytes.
  if (Buffer.byteLength(value, 'utf8') > MAX_LENGTH) errors.push(`must be no more than ${MAX_LENGTH} characters`);
  if (!LABEL_VALUE_RE.test(value)) {
    errors.push(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
        `(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '${LABEL_VALUE_FMT}')`,
    );
  }
  return errors;
}
