// `--sort-by=<jsonpath>` ordering (kubectl get/sorter.go, RuntimeSort.Less on unstructured objects).
import { compareQuantities, parseQuantity, type Quantity } from '../meta/quantity.js';
import { compareGoStrings, goKindOf, goNumber, goTypeName } from './go-values.js';
import { JsonPathError } from './jsonpath-error.js';
import { relaxedJsonPathExpression } from './relaxed-path.js';
import { compileJsonPath } from './template.js';

/**
 * kubectl's sorter calls resource.ParseQuantity on the raw text, which (unlike decoding a
 * Quantity from JSON) rejects surrounding space.
 */
function sortQuantity(text: string): Quantity | undefined {
  return text.trim() === text ? parseQuantity(text) : undefined;
}

function fail(message: string): never {
  throw new JsonPathError(message, 'execute');
}

/**
 * kubectl's isLess for decoded JSON: null first, numbers numerically, strings as quantities when
 * both parse ("500Mi" < "2Gi"), otherwise bytewise. Other kinds make kubectl exit; we throw.
 */
function compareSortValues(field: string, a: unknown, b: unknown): number {
  const kindA = goKindOf(a);
  const kindB = goKindOf(b);
  if (kindA === 'nil' || kindB === 'nil') return kindA === kindB ? 0 : kindA === 'nil' ? -1 : 1;
  const unsortable = (detail: string): never => fail(`Field ${field} is an unsortable type: interface, err: ${detail}`);
  // JSON cannot tell 2 from 2.0, so ints and floats are compared together (kubectl would refuse).
  const numeric = (kind: string): boolean => kind === 'int' || kind === 'float';
  if (numeric(kindA) && numeric(kindB)) return goNumber(a) - goNumber(b);
  if (kindA === 'string' && kindB === 'string') {
    const quantityA = sortQuantity(a as string);
    const quantityB = sortQuantity(b as string);
    if (quantityA !== undefined && quantityB !== undefined) return compareQuantities(quantityA, quantityB);
    return compareGoStrings(a as string, b as string);
  }
  if (!numeric(kindA) && kindA !== 'string') return unsortable(`unsortable type: ${goTypeName(a)}`);
  return unsortable('unsortable interface: interface');
}

/**
 * Returns `items` ordered by the value at `expression` (first match per item). Items without the
 * value come first; the sort is stable. `objectOf` picks the object to evaluate (e.g. a Table
 * row's `object`). Throws JsonPathError if no item has the field at all.
 */
export function sortByJsonPath<T>(items: readonly T[], expression: string, objectOf: (item: T) => unknown = (item) => item): T[] {
  if (items.length === 0) return [];
  const field = relaxedJsonPathExpression(expression);
  const template = compileJsonPath(field);
  const keyed = items.map((item) => {
    const first = template.findResults(objectOf(item), { allowMissingKeys: true })[0];
    return { item, found: first !== undefined && first.length > 0, value: first?.[0] };
  });
  if (!keyed.some((entry) => entry.found)) fail(`couldn't find any field with path ${JSON.stringify(field)} in the list of objects`);
  return keyed
    .sort((a, b) => (a.found && b.found ? compareSortValues(field, a.value, b.value) : Number(a.found) - Number(b.found)))
    .map((entry) => entry.item);
}
