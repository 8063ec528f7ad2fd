// kubectl parses manifests with go-yaml and encoding/json; users (and scripts) read the file and
// line out of those messages. Our parsers report different positions and words, so translate
// the common failures into go-yaml's wording and go-yaml's line arithmetic:
//  - scanner errors print the 1-based line of the offending character;
//  - parser errors print the 0-based line (one less), an old go-yaml quirk kubectl inherits;
//  - either way "line N: " is left out when that number is 0.
import type { YAMLError } from 'yaml';

interface GoYamlError {
  reason: string;
  /** the number go-yaml prints after "line " (0 = printed without a line) */
  line: number;
}

const OWN_POSITION = / at line \d+, column \d+:?$/;

/** `yaml: line 3: mapping values are not allowed in this context` for a document's first error. */
export function goYamlMessage(errors: readonly YAMLError[], text: string): string {
  const { reason, line } = translate(errors, text);
  return line > 0 ? `yaml: line ${line}: ${reason}` : `yaml: ${reason}`;
}

function translate(errors: readonly YAMLError[], text: string): GoYamlError {
  const first = errors[0];
  if (!first) return { reason: 'unknown error', line: 0 };
  const line = first.linePos?.[0].line ?? 1;
  const scanner = (reason: string, at = line): GoYamlError => ({ reason, line: at === 1 ? 0 : at });
  const parser = (reason: string, at = line): GoYamlError => ({ reason, line: at - 1 });
  if (errors.some((e) => e.code === 'UNEXPECTED_TOKEN' && e.message.includes('block-seq-ind'))) return parser('did not find expected key');
  switch (first.code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
      // go-yaml stops at the second ':' of `a: b: c`; we report where the inner mapping starts.
      return scanner('mapping values are not allowed in this context', lineOfNextMappingColon(text, first.pos[0]) ?? line);
    case 'MULTILINE_IMPLICIT_KEY':
      // a stray line without ':' is only noticed on the line after it
      return scanner("could not find expected ':'", line + 1);
    case 'TAB_AS_INDENT':
    case 'BAD_SCALAR_START':
      return scanner('found character that cannot start any token');
    case 'BAD_DQ_ESCAPE':
      return scanner('found unknown escape character');
    case 'MISSING_CHAR':
      if (first.message.startsWith('Missing closing')) return scanner('found unexpected end of stream', countLines(text));
      break;
    case 'BAD_INDENT':
      if (first.message.startsWith('Flow sequence')) return parser("did not find expected ',' or ']'");
      if (first.message.startsWith('Flow map')) return parser("did not find expected ',' or '}'");
      return parser('did not find expected key');
  }
  return scanner((first.message.split('\n')[0] ?? '').replace(OWN_POSITION, ''));
}

function lineOfNextMappingColon(text: string, from: number): number | undefined {
  const match = /:(?=[ \t\r\n]|$)/.exec(text.slice(from));
  return match ? lineAt(text, from + match.index) : undefined;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** go-yaml's mark for "end of stream": the line after the last newline. */
function countLines(text: string): number {
  return lineAt(text, text.length);
}

/** V8's JSON.parse complaints, reworded as Go's encoding/json SyntaxError. */
const JSON_CONTEXTS: Array<[RegExp, string]> = [
  [/^Expected double-quoted property name/, 'looking for beginning of object key string'],
  [/^Expected ',' or '}' after property value/, 'after object key:value pair'],
  [/^Expected ',' or ']' after array element/, 'after array element'],
  [/^Expected ':' after property name/, 'after object key'],
  [/^Bad control character in string literal/, 'in string literal'],
  [/^Bad escaped character/, 'in string escape code'],
  [/^(Unexpected number|No number after minus sign|Unexpected non-whitespace)/, 'looking for beginning of value'],
];

/**
 * `json: offset 63: invalid character '}' looking for beginning of object key string`.
 * Go counts bytes read *including* the bad one, V8 the UTF-16 index of it.
 */
export function goJsonMessage(err: Error, text: string): string {
  if (/^(Unexpected end of JSON input|Unterminated string)/.test(err.message)) return 'unexpected EOF';
  const position = /at position (\d+)/.exec(err.message)?.[1];
  const token = /^Unexpected token '(.)'/.exec(err.message)?.[1];
  if (position === undefined) return `json: invalid character ${goQuoteChar(token ?? '?')} looking for beginning of value`;
  const index = Number(position);
  const context = JSON_CONTEXTS.find(([pattern]) => pattern.test(err.message))?.[1] ?? 'looking for beginning of value';
  const offset = Buffer.byteLength(text.slice(0, index)) + 1;
  return `json: offset ${offset}: invalid character ${goQuoteChar(text[index] ?? '')} ${context}`;
}

/** Go's %q of a rune: '}' or '\n'. */
function goQuoteChar(c: string): string {
  const escapes: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', "'": "\\'", '\\': '\\\\' };
  return `'${escapes[c] ?? c}'`;
}
