// Filter comparisons with the rules of Go text/template's eq/ne/lt/le/gt/ge (client-go uses a fork):
// both sides must be the same basic kind - int64 data never equals a 1.0 literal - and only
// numbers and strings are ordered.
import { JsonPathError } from './jsonpath-error.js';
import { compareGoStrings, goKindOf, goNumber } from './go-values.js';

type Comparable = { kind: 'bool'; value: boolean } | { kind: 'int' | 'float'; value: number } | { kind: 'string'; value: string };

function fail(message: string): never {
  throw new JsonPathError(message, 'execute');
}

function comparable(value: unknown): Comparable {
  const kind = goKindOf(value);
  switch (kind) {
    case 'bool':
      return { kind, value: value as boolean };
    case 'int':
    case 'float':
      return { kind, value: goNumber(value) };
    case 'string':
      return { kind, value: value as string };
    default:
      return fail('invalid type for comparison');
  }
}

function sameKind(left: unknown, right: unknown): [Comparable, Comparable] {
  const a = comparable(left);
  const b = comparable(right);
  if (a.kind !== b.kind) fail('incompatible types for comparison');
  return [a, b];
}

function equal(left: unknown, right: unknown): boolean {
  const [a, b] = sameKind(left, right);
  return a.value === b.value;
}

function less(left: unknown, right: unknown): boolean {
  const [a, b] = sameKind(left, right);
  if (a.kind === 'string' && b.kind === 'string') return compareGoStrings(a.value, b.value) < 0;
  if (a.kind === 'bool' || b.kind === 'bool') fail('invalid type for comparison');
  return (a.value as number) < (b.value as number);
}

/** Evaluates `left <operator> right` for a filter such as `[?(@.status=="True")]`. */
export function compareValues(operator: string, left: unknown, right: unknown): boolean {
  switch (operator) {
    case '==':
      return equal(left, right);
    case '!=':
      return !equal(left, right);
    case '<':
      return less(left, right);
    case '<=':
      return less(left, right) || equal(left, right);
    case '>':
      return !(less(left, right) || equal(left, right));
    case '>=':
      return !less(left, right);
    default:
      return fail(`unrecognized filter operator ${operator}`);
  }
}
