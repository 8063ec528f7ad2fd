// Go's two renderings of decoded JSON values, as kubectl output shows them:
// encoding/json (JSONPath prints maps/slices that way) and fmt's %v (custom-columns cells).
import { FloatLiteral, compareGoStrings, formatGoFloat, formatGoInt, goKindOf, goNumber, isGoMap } from './go-values.js';

export function sortedKeys(map: Record<string, unknown>): string[] {
  return Object.keys(map).sort(compareGoStrings);
}

// encoding/json escapes HTML-significant characters and the JS line separators.
const GO_EXTRA_ESCAPES: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

function goJsonString(text: string): string {
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (ch) => GO_EXTRA_ESCAPES[ch] ?? ch);
}

/** json.Marshal (indent '') or json.MarshalIndent(value, '', indent): sorted keys, Go escaping. */
export function goJson(value: unknown, indent = '', depth = 0): string {
  const newline = indent === '' ? '' : `\n${indent.repeat(depth + 1)}`;
  const closing = indent === '' ? '' : `\n${indent.repeat(depth)}`;
  const separator = indent === '' ? ':' : ': ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${value.map((item) => newline + goJson(item, indent, depth + 1)).join(',')}${closing}]`;
  }
  if (isGoMap(value)) {
    const keys = sortedKeys(value);
    if (keys.length === 0) return '{}';
    const entries = keys.map((key) => `${newline}${goJsonString(key)}${separator}${goJson(value[key], indent, depth + 1)}`);
    return `{${entries.join(',')}${closing}}`;
  }
  if (typeof value === 'string') return goJsonString(value);
  if (value instanceof FloatLiteral) return JSON.stringify(value.value);
  // Go and JavaScript agree on number formatting in JSON (both follow ES6 number-to-string).
  return value === undefined ? 'null' : JSON.stringify(value);
}

/** fmt.Sprint: `map[a:1 b:[x y]]`, `<nil>`, floats as %v. */
export function goSprint(value: unknown): string {
  switch (goKindOf(value)) {
    case 'nil':
      return '<nil>';
    case 'int':
      return formatGoInt(goNumber(value));
    case 'float':
      return formatGoFloat(goNumber(value));
    case 'slice':
      return `[${(value as unknown[]).map(goSprint).join(' ')}]`;
    case 'map': {
      const map = value as Record<string, unknown>;
      return `map[${sortedKeys(map)
        .map((key) => `${key}:${goSprint(map[key])}`)
        .join(' ')}]`;
    }
    default:
      return String(value);
  }
}
