import { describe, expect, it } from 'vitest';
import { unquoteExtend } from './unquote.js';

describe('unquoteExtend', () => {
  it.each([
    ['"plain"', 'plain'],
    ["'single'", 'single'],
    ['"\\n\\t\\r\\\\"', '\n\t\r\\'],
    ['"a\\"b"', 'a"b'],
    ["'it\\'s'", "it's"],
    ['"it\'s"', "it's"],
    ['"\\x41\\u00e9\\U0001F600\\101"', 'Aé😀A'],
  ])('%s', (quoted, text) => {
    expect(unquoteExtend(quoted)).toBe(text);
  });

  it.each(['"', '"abc\'', '"\\q"', '"a"b"', "'\\\"'", '"\\ud800"', '"\\x4"', '"\\400"'])('rejects %s', (quoted) => {
    expect(() => unquoteExtend(quoted)).toThrow('invalid syntax');
  });
});
