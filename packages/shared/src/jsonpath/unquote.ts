// client-go's UnquoteExtend: Go strconv.Unquote that also accepts single-quoted strings.

class UnquoteSyntaxError extends Error {
  constructor() {
    super('invalid syntax');
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};
const HEX_DIGITS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

function isValidRune(codePoint: number): boolean {
  return codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff);
}

// One escape sequence after the backslash (strconv.UnquoteChar); returns the text and its length.
function unescape(body: string, index: number, quote: string): [string, number] {
  const kind = body[index];
  if (kind === undefined) throw new UnquoteSyntaxError();
  const simple = SIMPLE_ESCAPES[kind];
  if (simple !== undefined) return [simple, 1];
  if (kind === "'" || kind === '"') {
    if (kind !== quote) throw new UnquoteSyntaxError();
    return [kind, 1];
  }
  const hexLength = HEX_DIGITS[kind];
  if (hexLength !== undefined) {
    const digits = body.slice(index + 1, index + 1 + hexLength);
    if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(digits)) throw new UnquoteSyntaxError();
    const codePoint = Number.parseInt(digits, 16);
    if (kind !== 'x' && !isValidRune(codePoint)) throw new UnquoteSyntaxError();
    return [String.fromCodePoint(codePoint), 1 + hexLength];
  }
  const octal = body.slice(index, index + 3);
  if (/^[0-7]{3}$/.test(octal) && Number.parseInt(octal, 8) <= 255) return [String.fromCodePoint(Number.parseInt(octal, 8)), 3];
  throw new UnquoteSyntaxError();
}

/** Unquotes `"..."` or `'...'`; throws Error('invalid syntax') like Go's strconv.ErrSyntax. */
export function unquoteExtend(quoted: string): string {
  const quote = quoted[0];
  if (quoted.length < 2 || (quote !== '"' && quote !== "'") || quoted[quoted.length - 1] !== quote) {
    throw new UnquoteSyntaxError();
  }
  const body = quoted.slice(1, -1);
  let result = '';
  for (let index = 0; index < body.length; ) {
    const ch = body[index] ?? '';
    if (ch === quote) throw new UnquoteSyntaxError();
    if (ch !== '\\') {
      result += ch;
      index++;
      continue;
    }
    const [text, length] = unescape(body, index + 1, quote);
    result += text;
    index += 1 + length;
  }
  return result;
}
