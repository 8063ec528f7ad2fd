import { describe, expect, it } from 'vitest';
import { customColumnCells, parseCustomColumns } from './custom-columns.js';
import { JsonPathError } from './jsonpath-error.js';

// Cells recorded from kubectl 1.32.4 `get -o custom-columns=...` against a stub API server.
const first = {
  metadata: { name: 'web-10', labels: { app: 'web', z: '1' } },
  x: { f: 2.5, i: 7, b: true, nul: null, arr: [1, 'a'], ctl: 'a\u001bb\rc' },
};
const second = { metadata: { name: 'web-9', labels: { app: 'db' } }, x: { f: 1234567.5, i: -1, b: false, arr: [] } };
const third = { metadata: { name: 'alpha' }, x: { i: 3 } };

const SPEC =
  'N:.metadata.name,L:.metadata.labels,F:.x.f,I:{.x.i},B:x.b,NUL:.x.nul,ARR:.x.arr,ALLN:.x.arr[*],NONE:.nope,CTL:.x.ctl,EMPTY:.x.arr[0:0]';

describe('parseCustomColumns', () => {
  it('accepts paths with or without braces and a leading dot', () => {
    expect(parseCustomColumns('NAME:.metadata.name,NODE:spec.nodeName,IP:{.status.podIP},X:{metadata.uid}')).toEqual([
      { header: 'NAME', path: '{.metadata.name}' },
      { header: 'NODE', path: '{.spec.nodeName}' },
      { header: 'IP', path: '{.status.podIP}' },
      { header: 'X', path: '{.metadata.uid}' },
    ]);
  });

  it('splits header from path at the first colon only', () => {
    expect(parseCustomColumns('A:B:.metadata.name')).toEqual([{ header: 'A', path: '{.B:.metadata.name}' }]);
    expect(parseCustomColumns('N:')).toEqual([{ header: 'N', path: '' }]);
  });

  it.each([
    ['', 'custom-columns format specified but no custom columns given'],
    ['N:.metadata.name,BAD', 'unexpected custom-columns spec: BAD, expected <header>:<json-path-expr>'],
    ['N:metadata.name,,X:.a', 'unexpected custom-columns spec: , expected <header>:<json-path-expr>'],
    ['N:{.a}{.b}', "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'"],
    ['N:.x[', 'unterminated array'],
  ])('rejects %j', (spec, message) => {
    expect(() => parseCustomColumns(spec)).toThrow(new JsonPathError(message, 'parse'));
  });
});

describe('customColumnCells', () => {
  const columns = parseCustomColumns(SPEC);

  it.each([
    [first, ['web-10', 'map[app:web z:1]', '2.5', '7', 'true', '<nil>', '[1 a]', '1,a', '<none>', 'a^[b\\rc', '<none>']],
    [second, ['web-9', 'map[app:db]', '1.2345675e+06', '-1', 'false', '<none>', '[]', '<none>', '<none>', '<none>', '<none>']],
    [third, ['alpha', '<none>', '<none>', '3', '<none>', '<none>', '<none>', '<none>', '<none>', '<none>', '<none>']],
  ])('row %#', (obj, cells) => {
    expect(customColumnCells(columns, obj)).toEqual(cells);
  });

  it('prints <none> for an empty path', () => {
    expect(customColumnCells(parseCustomColumns('N:'), first)).toEqual(['<none>']);
  });
});
