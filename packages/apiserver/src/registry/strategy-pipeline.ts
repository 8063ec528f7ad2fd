// The order in which the REST layer applies a strategy, as one function per write. Tests use it
// to exercise strategies exactly as requests do; the REST layer may too.
import type { FieldError, KubernetesObject } from '@kctl/shared';
import type { ResourceStrategy } from './resource-strategy.js';

export interface StrategyOutcome {
  object: KubernetesObject;
  errors: FieldError[];
}

/** defaults → prepareForCreate → validate, on a copy. */
export function runCreate(strategy: ResourceStrategy, obj: KubernetesObject): StrategyOutcome {
  const object = structuredClone(obj);
  strategy.defaults?.(object);
  strategy.prepareForCreate?.(object);
  return { object, errors: strategy.validate?.(object) ?? [] };
}

/** defaults → prepareForUpdate → validate → validateUpdate, on a copy. */
export function runUpdate(strategy: ResourceStrategy, obj: KubernetesObject, old: KubernetesObject): StrategyOutcome {
  const object = structuredClone(obj);
  strategy.defaults?.(object);
  strategy.prepareForUpdate?.(object, old);
  return { object, errors: [...(strategy.validate?.(object) ?? []), ...(strategy.validateUpdate?.(object, old) ?? [])] };
}

/** prepareForStatusUpdate → validate → validateUpdate, on a copy. */
export function runStatusUpdate(strategy: ResourceStrategy, obj: KubernetesObject, old: KubernetesObject): StrategyOutcome {
  const object = structuredClone(obj);
  strategy.prepareForStatusUpdate?.(object, old);
  return { object, errors: [...(strategy.validate?.(object) ?? []), ...(strategy.validateUpdate?.(object, old) ?? [])] };
}

/** "field: message", the way the Invalid Status lists each cause. */
export function describeErrors(errors: FieldError[]): string[] {
  return errors.map((e) => `${e.field}: ${e.message}`);
}
