// How JSON data looks to client-go after apimachinery's unstructured decoding: integral numbers
// are int64, other numbers float64, objects map[string]interface{}, arrays []interface{}.
// The JSONPath evaluator, printers and sorter all reason in these Go kinds.

/** A float64 literal from a template (`{2.0}`, `[?(@.x==1.5)]`); plain JS numbers are data. */
export class FloatLiteral {
  constructor(readonly value: number) {}
}

export type GoKind = 'nil' | 'bool' | 'int' | 'float' | 'string' | 'map' | 'slice';

const INT64_LIMIT = 2 ** 63;

export function isGoMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof FloatLiteral);
}

export function goKindOf(value: unknown): GoKind {
  if (value === null || value === undefined) return 'nil';
  if (value instanceof FloatLiteral) return 'float';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(value) && Math.abs(value) < INT64_LIMIT ? 'int' : 'float';
    case 'string':
      return 'string';
    default:
      return Array.isArray(value) ? 'slice' : 'map';
  }
}

/** The numeric value of an int or float, whether data or literal. */
export function goNumber(value: unknown): number {
  return value instanceof FloatLiteral ? value.value : Number(value);
}

/** Go's type name as it appears in client-go error messages. */
export function goTypeName(value: unknown): string {
  const names: Record<GoKind, string> = {
    nil: 'interface {}',
    bool: 'bool',
    int: 'int64',
    float: 'float64',
    string: 'string',
    map: 'map[string]interface {}',
    slice: '[]interface {}',
  };
  return names[goKindOf(value)];
}

/** fmt's %v for a float64: shortest digits, exponent form below 1e-4 or from 1e+06 on (`1.2345675e+06`). */
export function formatGoFloat(value: number): string {
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf';
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  // Within that range JavaScript's shortest representation is already positional.
  return String(value);
}

/** Text of an int64 (decimal, exact for any safe integer). */
export function formatGoInt(value: number): string {
  return BigInt(value).toString();
}

/** Go's string ordering: bytewise UTF-8, i.e. code point order (not JS's UTF-16 order). */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const left = [...a];
  const right = [...b];
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const diff = (left[index]?.codePointAt(0) ?? 0) - (right[index]?.codePointAt(0) ?? 0);
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}
