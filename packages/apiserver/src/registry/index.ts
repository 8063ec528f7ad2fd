// Per-resource strategies for the generic REST layer, plus the helpers other server code reuses.
export type { ResourceStrategy } from './resource-strategy.js';
export { strategyFor, resourcesWithRules } from './strategy-table.js';
export { buildStrategy, type KindRules, type ResourceScope } from './strategy-builder.js';
export { eventToEventsV1, eventsV1ToCore } from './event-conversion.js';
export { validateObjectMeta, validateObjectMetaUpdate, validateLabels, validateAnnotations, immutableFieldError } from './metadata-validation.js';
export * from './name-validation.js';
export { selectorMatches, validateLabelSelector, isEmptySelector } from './label-selector.js';
export { computePodQOS, type PodQOSClass } from './pod-qos.js';
export { defaultPodSpec, defaultPullPolicy } from './pod-spec-defaults.js';
export { defaultPod } from './pod-defaults.js';
export { validatePodSpec, validatePodTemplateSpec } from './pod-spec-validation.js';
export { parseCronSchedule, type CronSchedule, type CronParseResult } from '@kctl/shared';
export { generateJobSelector } from './job-strategy.js';
export { NAMESPACE_NAME_LABEL, KUBERNETES_FINALIZER } from './namespace-strategy.js';
export { runCreate, runUpdate, runStatusUpdate, describeErrors, type StrategyOutcome } from './strategy-pipeline.js';
