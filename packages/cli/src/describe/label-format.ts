// apimachinery's label formatting lives with the shared printers; describe uses the same.
export { formatLabels, formatLabelSelector, labelSelectorString } from '@kctl/shared';
export type { LabelSelectorLike as LabelSelector, LabelSelectorRequirementLike as LabelSelectorRequirement } from '@kctl/shared';
