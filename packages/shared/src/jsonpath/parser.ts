// Parser for kubectl JSONPath templates, a port of client-go util/jsonpath/parser.go:
// literal text outside `{...}`, and inside each action fields, arrays/slices, unions, filters,
// recursive descent, quoted literals, numbers, booleans and identifiers (range/end).
import type { ListNode, SliceParam, TemplateNode } from './ast.js';
import { JsonPathError } from './jsonpath-error.js';
import { unquoteExtend } from './unquote.js';

const DICT_KEY = /^'([^']*)'$/;
const SLICE = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
const FILTER_COMPARISON = /^([^!<>=]+)([!<>=]+)(.+?)$/;
const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}_]$/u;
const DIGIT = /^\p{Nd}$/u;
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

function fail(message: string): never {
  throw new JsonPathError(message, 'parse');
}

function isTerminator(ch: string | undefined): boolean {
  return ch === undefined || ' \t\r\n.,[]$@{}'.includes(ch);
}

/** Go's %#U: `U+007E '~'`, without the quoted rune when it is not printable. */
function describeRune(ch: string): string {
  const code = `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  return PRINTABLE.test(ch) ? `${code} '${ch}'` : code;
}

/** Parses `{text}` on its own and returns that action, as client-go's parseAction does for sub-expressions. */
function parseSubAction(text: string): ListNode {
  const [first] = parseTemplateNodes(`{${text}}`);
  return first !== undefined && first.type === 'list' ? first : { type: 'list', nodes: [] };
}

class ActionParser {
  private pos: number;
  private start: number;

  constructor(
    private readonly input: string,
    position: number,
  ) {
    this.pos = position;
    this.start = position;
  }

  /** Parses up to and including the closing `}` into `action`; returns the position after it. */
  parse(action: ListNode): number {
    for (;;) {
      if (this.input.startsWith('}', this.pos)) return this.pos + 1;
      if (this.input.startsWith('[?(', this.pos)) this.parseFilter(action);
      else if (this.input.startsWith('..', this.pos)) this.parseRecursive(action);
      else this.parseNext(action);
    }
  }

  private parseNext(action: ListNode): void {
    const ch = this.next();
    if (ch === undefined || ch === '\r' || ch === '\n') fail('unclosed action');
    if (ch === ' ' || ch === '@' || ch === '$') {
      // `$` (root) and `@` (current item) are both just "the current value".
      this.consume();
    } else if (ch === '[') this.parseArray(action);
    else if (ch === '"' || ch === "'") this.parseQuote(action, ch);
    else if (ch === '.') this.parseField(action);
    else if (ch === '+' || ch === '-' || DIGIT.test(ch)) {
      this.backup(ch);
      this.parseNumber(action);
    } else if (LETTER_OR_DIGIT.test(ch)) {
      this.backup(ch);
      this.parseIdentifier(action);
    } else fail(`unrecognized character in action: ${describeRune(ch)}`);
  }

  private next(): string | undefined {
    const code = this.input.codePointAt(this.pos);
    if (code === undefined) return undefined;
    const ch = String.fromCodePoint(code);
    this.pos += ch.length;
    return ch;
  }

  private peek(): string | undefined {
    const code = this.input.codePointAt(this.pos);
    return code === undefined ? undefined : String.fromCodePoint(code);
  }

  private backup(ch: string | undefined): void {
    this.pos -= ch?.length ?? 0;
  }

  private consume(): string {
    const text = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return text;
  }

  private parseIdentifier(action: ListNode): void {
    let ch: string | undefined;
    while (!isTerminator((ch = this.next())));
    this.backup(ch);
    const value = this.consume();
    action.nodes.push(value === 'true' || value === 'false' ? { type: 'bool', value: value === 'true' } : { type: 'identifier', name: value });
  }

  private parseRecursive(action: ListNode): void {
    if (action.nodes[action.nodes.length - 1]?.type === 'recursive') fail('invalid multiple recursive descent');
    this.pos += 2;
    this.consume();
    action.nodes.push({ type: 'recursive' });
    const following = this.peek();
    if (following !== undefined && LETTER_OR_DIGIT.test(following)) this.parseField(action);
  }

  private parseNumber(action: ListNode): void {
    const sign = this.peek();
    if (sign === '+' || sign === '-') this.next();
    let ch: string | undefined;
    while ((ch = this.next()) === '.' || (ch !== undefined && DIGIT.test(ch)));
    this.backup(ch);
    const text = this.consume();
    if (/^[+-]?\d+$/.test(text)) action.nodes.push({ type: 'int', value: Number(text) });
    else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) action.nodes.push({ type: 'float', value: Number(text) });
    else fail(`cannot parse number ${text}`);
  }

  private parseArray(action: ListNode): void {
    for (;;) {
      const ch = this.next();
      if (ch === undefined || ch === '\n') fail('unterminated array');
      if (ch === ']') break;
    }
    let text = this.consume().slice(1, -1);
    if (text === '*') text = ':';

    const parts = text.split(',');
    if (parts.length > 1) {
      const branches = parts.map((part) => parseSubAction(`[${part.replace(/^ +| +$/g, '')}]`));
      action.nodes.push({ type: 'union', branches });
      return;
    }
    // ['key'] is shorthand for .key - and is parsed as one, so dots in it still separate fields.
    const dictKey = DICT_KEY.exec(text);
    if (dictKey !== null) {
      action.nodes.push(...parseSubAction(`.${dictKey[1] ?? ''}`).nodes);
      return;
    }
    const slice = SLICE.exec(text);
    if (slice === null) fail(`invalid array index ${text}`);
    action.nodes.push({ type: 'array', params: sliceParams([slice[1] ?? '', slice[2] ?? '', slice[3] ?? '']) });
  }

  private parseFilter(action: ListNode): void {
    this.pos += 3;
    this.consume();
    let inQuote = false;
    let quoteClosed = false;
    let quote = '';
    for (;;) {
      const ch = this.next();
      if (ch === undefined || ch === '\n') fail('unterminated filter');
      if (ch === '"' || ch === "'") {
        if (!inQuote) {
          inQuote = true;
          quote = ch;
        } else if (this.input[this.pos - 2] !== '\\' && ch === quote) {
          quoteClosed = true;
        }
      } else if (ch === ')' && inQuote === quoteClosed) {
        break;
      }
    }
    if (this.next() !== ']') fail('unclosed array expect ]');
    const text = this.consume().slice(0, -2);
    const comparison = FILTER_COMPARISON.exec(text);
    if (comparison === null) {
      action.nodes.push({ type: 'filter', left: parseSubAction(text), right: { type: 'list', nodes: [] }, operator: 'exists' });
    } else {
      const [, left = '', operator = '', right = ''] = comparison;
      action.nodes.push({ type: 'filter', left: parseSubAction(left), right: parseSubAction(right), operator });
    }
  }

  private parseQuote(action: ListNode, quote: string): void {
    for (;;) {
      const ch = this.next();
      if (ch === undefined || ch === '\n') fail('unterminated quoted string');
      if (ch === quote && this.input[this.pos - 2] !== '\\') break;
    }
    const quoted = this.consume();
    try {
      action.nodes.push({ type: 'text', text: unquoteExtend(quoted) });
    } catch (error) {
      fail(`unquote string ${quoted} error ${(error as Error).message}`);
    }
  }

  private parseField(action: ListNode): void {
    this.consume();
    for (;;) {
      const ch = this.next();
      if (ch === '\\') this.next();
      else if (isTerminator(ch)) {
        this.backup(ch);
        break;
      }
    }
    const value = this.consume();
    action.nodes.push(value === '*' ? { type: 'wildcard' } : { type: 'field', name: value.replaceAll('\\', '') });
  }
}

// `[n]` means [n:n+1]; a missing end after ':' means "to the end"; a missing step means 1.
function sliceParams(groups: [string, string, string]): [SliceParam, SliceParam, SliceParam] {
  const params: SliceParam[] = [];
  groups.forEach((group, index) => {
    const digits = index > 0 ? group.slice(1) : group;
    if (group === '') {
      const derived = index === 1;
      params.push({ known: derived, value: derived ? (params[0]?.value ?? 0) + 1 : 0, derived });
    } else if (index > 0 && digits === '') {
      params.push({ known: false, value: 0, derived: false });
    } else {
      if (!/^-?\d+$/.test(digits)) fail(`array index ${digits} is not a number`);
      params.push({ known: true, value: Number(digits), derived: false });
    }
  });
  return params as [SliceParam, SliceParam, SliceParam];
}

/** Parses a whole template into its top-level nodes: text, and one list per `{...}` action. */
export function parseTemplateNodes(template: string): TemplateNode[] {
  const nodes: TemplateNode[] = [];
  let pos = 0;
  while (pos < template.length) {
    const open = template.indexOf('{', pos);
    if (open === -1) {
      nodes.push({ type: 'text', text: template.slice(pos) });
      break;
    }
    if (open > pos) nodes.push({ type: 'text', text: template.slice(pos, open) });
    const action: ListNode = { type: 'list', nodes: [] };
    nodes.push(action);
    pos = new ActionParser(template, open + 1).parse(action);
  }
  return nodes;
}
