import { describe, expect, it } from 'vitest';
import { JsonPathError } from './jsonpath-error.js';
import { sortByJsonPath } from './sort-by.js';

// Orders recorded from kubectl 1.32.4 `get cm --sort-by=<path>` against a stub API server.
const items = [
  {
    metadata: { name: 'web-10', labels: { app: 'web' }, creationTimestamp: '2024-01-02T00:00:00Z' },
    data: { size: '2Gi', n: '10' },
    x: { f: 2.5, i: 7, b: true },
  },
  {
    metadata: { name: 'web-9', labels: { app: 'db' }, creationTimestamp: '2024-01-01T00:00:00Z' },
    data: { size: '500Mi', n: '9' },
    x: { f: 1234567.5, i: -1, b: false },
  },
  { metadata: { name: 'alpha', creationTimestamp: '2024-01-03T00:00:00Z' }, data: { size: '1', n: 'abc' }, x: { i: 3 } },
];

const names = (sorted: typeof items): string[] => sorted.map((item) => item.metadata.name);

describe('sortByJsonPath', () => {
  it.each([
    ['.metadata.name', ['alpha', 'web-10', 'web-9']], // plain bytewise string order, not natural order
    ['{.data.size}', ['alpha', 'web-9', 'web-10']], // both quantities: 1 < 500Mi < 2Gi
    ['data.n', ['web-9', 'web-10', 'alpha']], // "9" < "10" as quantities; "abc" compares as text
    ['.x.i', ['web-9', 'alpha', 'web-10']],
    ['.x.f', ['alpha', 'web-10', 'web-9']], // missing values first
    ['.metadata.labels.app', ['alpha', 'web-9', 'web-10']],
    ['.metadata.creationTimestamp', ['web-9', 'web-10', 'alpha']],
  ])('%s', (expression, expected) => {
    expect(names(sortByJsonPath(items, expression))).toEqual(expected);
  });

  it('does not mutate its input and keeps ties stable', () => {
    const before = names(items);
    sortByJsonPath(items, '.x.i');
    expect(names(items)).toEqual(before);
    const ties = [{ k: 1, id: 'a' }, { k: 0, id: 'b' }, { k: 1, id: 'c' }, { id: 'd' }];
    expect(sortByJsonPath(ties, '.k').map((tie) => tie.id)).toEqual(['d', 'b', 'a', 'c']);
  });

  it('orders nulls first and compares quantities with binary and decimal suffixes', () => {
    const values = ['1Gi', '1G', '100m', null, '1.5', '2e3'].map((v, id) => ({ v, id }));
    expect(sortByJsonPath(values, '.v').map((entry) => entry.v)).toEqual([null, '100m', '1.5', '2e3', '1G', '1Gi']);
  });

  it('sorts through a projection, e.g. Table rows', () => {
    const rows = items.map((object) => ({ cells: [object.metadata.name], object }));
    expect(sortByJsonPath(rows, '.x.i', (row) => row.object).map((row) => row.cells[0])).toEqual(['web-9', 'alpha', 'web-10']);
  });

  it.each([
    ['.nope', 'couldn\'t find any field with path "{.nope}" in the list of objects'],
    ['.x.b', 'Field {.x.b} is an unsortable type: interface, err: unsortable type: bool'],
    ['.metadata.labels', 'Field {.metadata.labels} is an unsortable type: interface, err: unsortable type: map[string]interface {}'],
  ])('rejects %s', (expression, message) => {
    expect(() => sortByJsonPath(items, expression)).toThrow(new JsonPathError(message, 'execute'));
  });

  it('returns an empty list without evaluating the expression', () => {
    expect(sortByJsonPath([], '.anything')).toEqual([]);
  });
});
