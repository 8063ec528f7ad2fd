// One term of a label selector (apimachinery labels.Requirement): construction with validation,
// matching, and canonical string form.
import { aggregateText, invalidValueText } from './field-error-text.js';
import { isQualifiedName, isValidLabelValue } from '../meta/name-validation.js';
import { SelectorParseError } from './selector-errors.js';

/** The operator spellings of apimachinery's selection.Operator. */
export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface LabelRequirement {
  readonly key: string;
  readonly operator: LabelOperator;
  /** Empty for exists / does-not-exist; exactly one for =, ==, !=, gt, lt. */
  readonly values: readonly string[];
}

export type LabelSet = Readonly<Record<string, string>> | undefined;

const INT64_PATTERN = /^[+-]?\d+$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Go strconv.ParseInt(s, 10, 64), or undefined when it would fail. */
function parseInt64(text: string): bigint | undefined {
  if (!INT64_PATTERN.test(text)) return undefined;
  const value = BigInt(text);
  return value < INT64_MIN || value > INT64_MAX ? undefined : value;
}

function operatorErrors(operator: LabelOperator, values: readonly string[], valuesPath: string): string[] {
  switch (operator) {
    case 'in':
    case 'notin':
      return values.length === 0 ? [invalidValueText(valuesPath, values, "for 'in', 'notin' operators, values set can't be empty")] : [];
    case '=':
    case '==':
    case '!=':
      return values.length === 1 ? [] : [invalidValueText(valuesPath, values, 'exact-match compatibility requires one single value')];
    case 'exists':
    case '!':
      return values.length === 0 ? [] : [invalidValueText(valuesPath, values, 'values set must be empty for exists and does not exist')];
    case 'gt':
    case 'lt': {
      const errors = values.length === 1 ? [] : [invalidValueText(valuesPath, values, "for 'Gt', 'Lt' operators, exactly one value is required")];
      values.forEach((value, index) => {
        if (parseInt64(value) === undefined) {
          errors.push(invalidValueText(`${valuesPath}[${index}]`, value, "for 'Gt', 'Lt' operators, the value must be an integer"));
        }
      });
      return errors;
    }
  }
}

/** labels.NewRequirement: validates everything and throws one aggregated SelectorParseError. */
export function newLabelRequirement(
  key: string,
  operator: LabelOperator,
  values: readonly string[],
): LabelRequirement {
  const errors: string[] = [];
  const keyErrors = isQualifiedName(key);
  if (keyErrors.length > 0) errors.push(invalidValueText('key', key, keyErrors.join('; ')));
  errors.push(...operatorErrors(operator, values, 'values'));
  values.forEach((value, index) => {
    const valueErrors = isValidLabelValue(value);
    if (valueErrors.length > 0) errors.push(invalidValueText(`values[${index}][${key}]`, value, valueErrors.join('; ')));
  });
  if (errors.length > 0) throw new SelectorParseError(aggregateText(errors));
  return { key, operator, values: [...values] };
}

/** Whether a set of labels satisfies one requirement; `!=` and `notin` also match when the key is absent. */
export function requirementMatches(requirement: LabelRequirement, labels: LabelSet): boolean {
  const has = labels !== undefined && Object.hasOwn(labels, requirement.key);
  const value = has ? labels[requirement.key] : undefined;
  switch (requirement.operator) {
    case 'in':
    case '=':
    case '==':
      return has && requirement.values.includes(value ?? '');
    case 'notin':
    case '!=':
      return !has || !requirement.values.includes(value ?? '');
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || requirement.values.length !== 1) return false;
      const actual = parseInt64(value ?? '');
      const bound = parseInt64(requirement.values[0] ?? '');
      if (actual === undefined || bound === undefined) return false;
      return requirement.operator === 'gt' ? actual > bound : actual < bound;
    }
  }
}

const OPERATOR_TEXT: Record<LabelOperator, string> = {
  '=': '=',
  '==': '==',
  '!=': '!=',
  in: ' in ',
  notin: ' notin ',
  gt: '>',
  lt: '<',
  exists: '',
  '!': '',
};

/** Requirement.String(): values are printed sorted so equal selectors print identically. */
export function requirementToString(requirement: LabelRequirement): string {
  const { key, operator, values } = requirement;
  if (operator === 'exists') return key;
  if (operator === '!') return `!${key}`;
  const joined = values.length === 1 ? (values[0] ?? '') : [...values].sort().join(',');
  const rendered = operator === 'in' || operator === 'notin' ? `(${joined})` : joined;
  return `${key}${OPERATOR_TEXT[operator]}${rendered}`;
}
