import { describe, expect, it } from 'vitest';
import { goJson, goSprint } from './go-format.js';
import { FloatLiteral, formatGoFloat, goKindOf } from './go-values.js';

describe('formatGoFloat (fmt %v)', () => {
  it.each([
    [2.5, '2.5'],
    [123456.5, '123456.5'],
    [1234567.5, '1.2345675e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [-0.5, '-0.5'],
    [1e21, '1e+21'],
    [1.5e-300, '1.5e-300'],
    [1e6, '1e+06'],
  ])('%d -> %s', (value, text) => {
    expect(formatGoFloat(value)).toBe(text);
  });
});

describe('goKindOf', () => {
  it('treats integral JSON numbers as int64 and template literals by their syntax', () => {
    expect(goKindOf(3)).toBe('int');
    expect(goKindOf(3.5)).toBe('float');
    expect(goKindOf(new FloatLiteral(3))).toBe('float');
    expect(goKindOf(1e21)).toBe('float'); // beyond int64
    expect(goKindOf(null)).toBe('nil');
    expect(goKindOf({})).toBe('map');
    expect(goKindOf([])).toBe('slice');
  });
});

describe('goJson (encoding/json)', () => {
  it('sorts keys, escapes HTML characters and line separators', () => {
    expect(goJson({ b: '<a&b>', a: ['\u2028', null, 1.5, 2, true], c: {} })).toBe(
      '{"a":["\\u2028",null,1.5,2,true],"b":"\\u003ca\\u0026b\\u003e","c":{}}',
    );
  });

  it('indents like json.MarshalIndent', () => {
    expect(goJson({ b: [1, { c: [] }], a: 'x' }, '    ')).toBe(
      '{\n    "a": "x",\n    "b": [\n        1,\n        {\n            "c": []\n        }\n    ]\n}',
    );
  });
});

describe('goSprint (fmt %v)', () => {
  it.each([
    [{ z: 1, a: { y: [1, 'x', null] } }, 'map[a:map[y:[1 x <nil>]] z:1]'],
    [[true, 2.5, 'a b'], '[true 2.5 a b]'],
    [null, '<nil>'],
    [1234567.5, '1.2345675e+06'],
    [9007199254740991, '9007199254740991'],
  ])('%j', (value, text) => {
    expect(goSprint(value)).toBe(text);
  });
});
