// `-o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName` (kubectl get/customcolumn.go).
import { goSprint } from './go-format.js';
import { JsonPathError } from './jsonpath-error.js';
import { relaxedJsonPathExpression } from './relaxed-path.js';
import { compileJsonPath, type JsonPathTemplate } from './template.js';

export interface CustomColumn {
  header: string;
  /** The normalised template, e.g. `{.metadata.name}`. */
  path: string;
}

/** Parses the flag value; throws JsonPathError with kubectl's messages for malformed specs or paths. */
export function parseCustomColumns(spec: string): CustomColumn[] {
  if (spec === '') throw new JsonPathError('custom-columns format specified but no custom columns given', 'parse');
  return spec.split(',').map((part) => {
    const separator = part.indexOf(':');
    if (separator === -1) {
      throw new JsonPathError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`, 'parse');
    }
    const column = { header: part.slice(0, separator), path: relaxedJsonPathExpression(part.slice(separator + 1)) };
    compileJsonPath(column.path); // report bad paths up front, before any row is printed
    return column;
  });
}

// printers.EscapeTerminal: keep cell text from driving the terminal.
function escapeTerminal(text: string): string {
  return text.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
}

function cellText(template: JsonPathTemplate, obj: unknown): string {
  const results = template.findResults(obj, { allowMissingKeys: true });
  const first = results[0];
  if (first === undefined || first.length === 0) return '<none>';
  // Cells use fmt's %v, so maps print as map[k:v] here, unlike -o jsonpath.
  return results.flatMap((values) => values.map((value) => escapeTerminal(goSprint(value)))).join(',');
}

// Columns are parsed once and applied to every row, so compile each column's path once.
const compiledColumns = new WeakMap<CustomColumn, JsonPathTemplate>();

function templateFor(column: CustomColumn): JsonPathTemplate {
  let template = compiledColumns.get(column);
  if (template === undefined) {
    template = compileJsonPath(column.path);
    compiledColumns.set(column, template);
  }
  return template;
}

/** One row of cells: `<none>` when nothing matches, several matches joined with ','. */
export function customColumnCells(columns: readonly CustomColumn[], obj: unknown): string[] {
  return columns.map((column) => cellText(templateFor(column), obj));
}
