// How kubectl turns one decoded Table cell into text (cli-runtime printTable): strings verbatim
// but cut at the first line break, everything else through Go's fmt.Sprint.

/** Characters at which kubectl cuts a string cell; tabwriter treats a form feed as a newline. */
const CELL_BREAK = /[\f\n\r]/;

/** cli-runtime's terminalEscaper: defuses escape sequences smuggled into cell values. */
function escapeTerminal(text: string): string {
  return text.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
}

/** The text kubectl prints for a cell; `null` (and a missing cell) print as nothing. */
export function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell !== 'string') return escapeTerminal(goSprint(cell));
  const cut = cell.search(CELL_BREAK);
  return cut < 0 ? escapeTerminal(cell) : `${escapeTerminal(cell.slice(0, cut))}...`;
}

/**
 * fmt.Sprint of a JSON-decoded value: whole numbers in decimal (the decoder makes them int64),
 * floats in Go's %v form, `true`/`false`, `map[k:v ...]` with sorted keys, `[a b]` for lists.
 */
export function goSprint(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 1e21 ? String(value) : goFloat(value);
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `[${value.map(goSprint).join(' ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${entries.map(([k, v]) => `${k}:${goSprint(v)}`).join(' ')}]`;
  }
  return String(value);
}

/**
 * strconv.FormatFloat(f, 'g', -1, 64) as %v uses it: shortest digits, exponent form when the
 * exponent is below -4 or at least 21, and at least two exponent digits ("1e-05", "1e+21").
 */
function goFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 21) return String(value);
  const sign = exponent < 0 ? '-' : '+';
  return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}
