// kubectl's RelaxedJSONPathExpression: custom-columns and --sort-by accept `metadata.name`,
// `.metadata.name`, `{metadata.name}` or `{.metadata.name}` and normalise them to `{.metadata.name}`.
import { JsonPathError } from './jsonpath-error.js';

const RELAXED = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/** Normalises a single-expression path to template form; '' stays ''. */
export function relaxedJsonPathExpression(path: string): string {
  if (path === '') return path;
  const match = RELAXED.exec(path);
  if (match === null) {
    throw new JsonPathError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
      'parse',
    );
  }
  return `{.${match[1] ?? match[2] ?? ''}}`;
}
