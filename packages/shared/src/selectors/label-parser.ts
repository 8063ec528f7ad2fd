// Recursive-descent parser for label selector strings (apimachinery labels.Parse), e.g.
// `env in (prod,qa),tier!=frontend,!canary,app`.
import { lexLabelSelector, type LabelToken, type LabelTokenKind } from './label-lexer.js';
import { newLabelRequirement, type LabelOperator, type LabelRequirement } from './label-requirement.js';
import { isQualifiedName } from '../meta/name-validation.js';
import { invalidValueText } from './field-error-text.js';
import { SelectorParseError } from './selector-errors.js';

const BINARY_OPERATORS_TEXT = 'in, notin, =, ==, !=, gt, lt';

// The parser checks the key itself before building the requirement, against a nil field
// path that Go prints as "<nil>".
const PARSER_KEY_PATH = '<nil>';

const OPERATOR_FOR_TOKEN: Partial<Record<LabelTokenKind, LabelOperator>> = {
  in: 'in',
  notin: 'notin',
  '=': '=',
  '==': '==',
  '!=': '!=',
  '>': 'gt',
  '<': 'lt',
};

class LabelSelectorParser {
  private position = 0;
  private readonly tokens: LabelToken[];

  constructor(text: string) {
    this.tokens = lexLabelSelector(text);
  }

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    for (;;) {
      const next = this.lookahead(true);
      if (next.kind === 'end') return requirements;
      if (next.kind !== 'identifier' && next.kind !== '!') {
        throw new SelectorParseError(`found '${next.literal}', expected: !, identifier, or 'end of string'`);
      }
      try {
        requirements.push(this.parseRequirement());
      } catch (error) {
        if (error instanceof SelectorParseError) throw new SelectorParseError(`unable to parse requirement: ${error.message}`);
        throw error;
      }
      const separator = this.consume(true);
      if (separator.kind === 'end') return requirements;
      if (separator.kind !== ',') {
        throw new SelectorParseError(`found '${separator.literal}', expected: ',' or 'end of string'`);
      }
      const afterComma = this.lookahead(true);
      if (afterComma.kind !== 'identifier' && afterComma.kind !== '!') {
        throw new SelectorParseError(`found '${afterComma.literal}', expected: identifier after ','`);
      }
    }
  }

  // In value position the keywords "in"/"notin" are ordinary identifiers (`x in (in)`).
  private lookahead(valueContext: boolean): LabelToken {
    return this.contextual(this.tokens[this.position], valueContext);
  }

  private consume(valueContext: boolean): LabelToken {
    const token = this.tokens[this.position];
    this.position = Math.min(this.position + 1, this.tokens.length - 1);
    return this.contextual(token, valueContext);
  }

  private contextual(token: LabelToken | undefined, valueContext: boolean): LabelToken {
    const actual = token ?? { kind: 'end', literal: '' };
    if (valueContext && (actual.kind === 'in' || actual.kind === 'notin')) return { kind: 'identifier', literal: actual.literal };
    return actual;
  }

  private parseRequirement(): LabelRequirement {
    let token = this.consume(true);
    const negated = token.kind === '!';
    if (negated) token = this.consume(true);
    if (token.kind !== 'identifier') throw new SelectorParseError(`found '${token.literal}', expected: identifier`);
    const key = token.literal;
    const keyErrors = isQualifiedName(key);
    if (keyErrors.length > 0) throw new SelectorParseError(invalidValueText(PARSER_KEY_PATH, key, keyErrors.join('; ')));

    // `!key` never takes an operator: in `!a=b` the '=' is left over and rejected by the caller.
    if (negated) return newLabelRequirement(key, '!', []);
    const following = this.lookahead(true).kind;
    if (following === 'end' || following === ',') return newLabelRequirement(key, 'exists', []);
    const operatorToken = this.consume(false);
    const operator = OPERATOR_FOR_TOKEN[operatorToken.kind];
    if (operator === undefined) {
      throw new SelectorParseError(`found '${operatorToken.literal}', expected: ${BINARY_OPERATORS_TEXT}`);
    }
    const values = operator === 'in' || operator === 'notin' ? this.parseValueSet() : this.parseExactValue();
    return newLabelRequirement(key, operator, values);
  }

  /** `(a,b,c)`; empty entries mean the empty value, and duplicates collapse (Go uses a sorted set). */
  private parseValueSet(): string[] {
    const open = this.consume(true);
    if (open.kind !== '(') throw new SelectorParseError(`found '${open.literal}' expected: '('`);
    const first = this.lookahead(true);
    if (first.kind === ')') {
      this.consume(true);
      return [''];
    }
    if (first.kind !== 'identifier' && first.kind !== ',') {
      throw new SelectorParseError(`found '${first.literal}', expected: ',', ')' or identifier`);
    }
    const values = this.parseIdentifierList();
    if (this.consume(true).kind !== ')') throw new SelectorParseError(`found '${first.literal}', expected: ')'`);
    return [...values].sort();
  }

  private parseIdentifierList(): Set<string> {
    const values = new Set<string>();
    for (;;) {
      const token = this.consume(true);
      if (token.kind === 'identifier') {
        values.add(token.literal);
        const next = this.lookahead(true);
        if (next.kind === ',') continue;
        if (next.kind === ')') return values;
        throw new SelectorParseError(`found '${next.literal}', expected: ',' or ')'`);
      }
      if (token.kind !== ',') throw new SelectorParseError(`found '${token.literal}', expected: ',', or identifier`);
      // A leading, doubled or trailing comma stands for the empty value.
      if (values.size === 0) values.add('');
      const next = this.lookahead(true);
      if (next.kind === ')') {
        values.add('');
        return values;
      }
      if (next.kind === ',') {
        this.consume(true);
        values.add('');
      }
    }
  }

  private parseExactValue(): string[] {
    const next = this.lookahead(true);
    if (next.kind === 'end' || next.kind === ',') return [''];
    const token = this.consume(true);
    if (token.kind === 'identifier') return [token.literal];
    throw new SelectorParseError(`found '${token.literal}', expected: identifier`);
  }
}

/** Parses and validates a label selector into requirements, in the order written. */
export function parseLabelRequirements(text: string): LabelRequirement[] {
  return new LabelSelectorParser(text).parse();
}
