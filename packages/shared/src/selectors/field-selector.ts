// Field selectors (`?fieldSelector=spec.nodeName=node-1,status.phase!=Running`), ported from
// apimachinery pkg/fields: comma-separated `path=value`, `path==value`, `path!=value` terms
// whose values escape `\`, `,` and `=` with a backslash.
import { SelectorParseError } from './selector-errors.js';

export interface FieldRequirement {
  readonly field: string;
  /** `==` is normalised to `=`, as apimachinery's Requirements() does. */
  readonly operator: '=' | '!=';
  /** The unescaped value. */
  readonly value: string;
}

/** Looks up a field's value; `undefined` (unsupported or absent) compares like the empty string. */
export type FieldValueGetter = (path: string) => string | undefined;

export class FieldSelector {
  constructor(readonly requirements: readonly FieldRequirement[]) {}

  get empty(): boolean {
    return this.requirements.length === 0;
  }

  matches(get: FieldValueGetter): boolean {
    return this.requirements.every(({ field, operator, value }) => ((get(field) ?? '') === value) === (operator === '='));
  }

  /** The value an `=` term forces for `field` (e.g. `spec.nodeName` for the kubelet's pod watch). */
  requiresExactMatch(field: string): string | undefined {
    return this.requirements.find((term) => term.field === field && term.operator === '=')?.value;
  }

  toString(): string {
    return this.requirements.map(({ field, operator, value }) => `${field}${operator}${escapeFieldSelectorValue(value)}`).join(',');
  }
}

/** fields.EscapeValue: makes an arbitrary string safe to use as a selector value. */
export function escapeFieldSelectorValue(value: string): string {
  return value.replace(/[\\,=]/g, (ch) => `\\${ch}`);
}

// fields.UnescapeValue: only `\\`, `\,` and `\=` are escapes, and bare `,`/`=` are not allowed.
function unescapeValue(raw: string): string {
  let result = '';
  let escaping = false;
  for (const ch of raw) {
    if (escaping) {
      if (ch !== '\\' && ch !== ',' && ch !== '=') {
        throw new SelectorParseError(`invalid field selector: invalid escape sequence: \\${ch}`);
      }
      result += ch;
      escaping = false;
    } else if (ch === '\\') {
      escaping = true;
    } else if (ch === ',' || ch === '=') {
      // Go prints the offending rune with %v, i.e. as its number.
      throw new SelectorParseError(`invalid field selector: unescaped character in value: ${ch.codePointAt(0)}`);
    } else {
      result += ch;
    }
  }
  if (escaping) throw new SelectorParseError('invalid field selector: invalid escape sequence: \\');
  return result;
}

// Splits on commas that are not backslash-escaped; the escapes stay in the terms.
function splitTerms(selector: string): string[] {
  if (selector === '') return [];
  const terms: string[] = [];
  let start = 0;
  let escaping = false;
  for (let index = 0; index < selector.length; index++) {
    const ch = selector[index];
    if (escaping) escaping = false;
    else if (ch === '\\') escaping = true;
    else if (ch === ',') {
      terms.push(selector.slice(start, index));
      start = index + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

// The left side cannot be escaped, so the first operator occurrence splits the term;
// `!=` and `==` are tried before `=` at each position.
const TERM_OPERATORS = ['!=', '==', '='] as const;

function splitTerm(term: string): { field: string; operator: (typeof TERM_OPERATORS)[number]; rawValue: string } | undefined {
  for (let index = 0; index < term.length; index++) {
    const operator = TERM_OPERATORS.find((candidate) => term.startsWith(candidate, index));
    if (operator !== undefined) return { field: term.slice(0, index), operator, rawValue: term.slice(index + operator.length) };
  }
  return undefined;
}

/** Parses field selector text; terms come back in sorted order, as apimachinery sorts them. */
export function parseFieldSelector(text: string): FieldSelector {
  const requirements: FieldRequirement[] = [];
  for (const term of splitTerms(text).sort()) {
    if (term === '') continue;
    const split = splitTerm(term);
    if (split === undefined) throw new SelectorParseError(`invalid selector: '${text}'; can't understand '${term}'`);
    requirements.push({ field: split.field, operator: split.operator === '!=' ? '!=' : '=', value: unescapeValue(split.rawValue) });
  }
  return new FieldSelector(requirements);
}
