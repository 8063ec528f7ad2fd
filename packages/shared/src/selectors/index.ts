// Label and field selectors with apimachinery semantics.
export { SelectorParseError } from './selector-errors.js';
export type { LabelOperator, LabelRequirement, LabelSet } from './label-requirement.js';
export { newLabelRequirement, requirementMatches } from './label-requirement.js';
export {
  LabelSelector,
  labelSelectorFromSet,
  labelSelectorFromSpec,
  parseLabelSelector,
  type LabelSelectorSpec,
} from './label-selector.js';
export {
  FieldSelector,
  escapeFieldSelectorValue,
  parseFieldSelector,
  type FieldRequirement,
  type FieldValueGetter,
} from './field-selector.js';
export { fieldGetterFor, supportedFieldSelectors, validateFieldSelector } from './field-getters.js';
