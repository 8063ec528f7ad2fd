// Tokenizer for label selector strings, ported from apimachinery labels.Lexer.

export type LabelTokenKind =
  | 'error'
  | 'end'
  | 'identifier'
  | '('
  | ')'
  | ','
  | '!'
  | '='
  | '=='
  | '!='
  | '>'
  | '<'
  | 'in'
  | 'notin';

export interface LabelToken {
  kind: LabelTokenKind;
  /** The scanned text; for 'error' tokens, the error message. */
  literal: string;
}

// Literal spellings that are tokens rather than identifiers ("in"/"notin" are keywords).
const KEYWORDS: ReadonlyMap<string, LabelTokenKind> = new Map<string, LabelTokenKind>([
  [')', ')'],
  [',', ','],
  ['!', '!'],
  ['==', '=='],
  ['=', '='],
  ['>', '>'],
  ['in', 'in'],
  ['<', '<'],
  ['!=', '!='],
  ['notin', 'notin'],
  ['(', '('],
]);

function isWhitespace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
}

function isSpecialSymbol(ch: string): boolean {
  return ch === '=' || ch === '!' || ch === '(' || ch === ')' || ch === ',' || ch === '>' || ch === '<';
}

/** Splits a selector into tokens; the last token is always 'end'. */
export function lexLabelSelector(text: string): LabelToken[] {
  const tokens: LabelToken[] = [];
  let pos = 0;

  // Operators are matched greedily: keep extending while the buffer is still a known symbol.
  const scanSpecialSymbol = (): LabelToken => {
    let buffer = '';
    let last: LabelToken | undefined;
    while (pos < text.length) {
      const ch = text[pos] ?? '';
      if (!isSpecialSymbol(ch)) break;
      buffer += ch;
      const kind = KEYWORDS.get(buffer);
      if (kind !== undefined) {
        last = { kind, literal: buffer };
      } else if (last !== undefined) {
        break;
      }
      pos++;
    }
    return last ?? { kind: 'error', literal: `error expected: keyword found '${buffer}'` };
  };

  const scanIdentifierOrKeyword = (): LabelToken => {
    const begin = pos;
    while (pos < text.length) {
      const ch = text[pos] ?? '';
      if (isSpecialSymbol(ch) || isWhitespace(ch)) break;
      pos++;
    }
    const literal = text.slice(begin, pos);
    return { kind: KEYWORDS.get(literal) ?? 'identifier', literal };
  };

  for (;;) {
    while (pos < text.length && isWhitespace(text[pos] ?? '')) pos++;
    if (pos >= text.length) {
      tokens.push({ kind: 'end', literal: '' });
      return tokens;
    }
    tokens.push(isSpecialSymbol(text[pos] ?? '') ? scanSpecialSymbol() : scanIdentifierOrKeyword());
  }
}
