// Builds a ResourceStrategy from a kind's own rules, adding what every kind shares: ObjectMeta
// validation, the status/spec split for kinds with a status subresource, and status reset on create.
import { isDNS1123Subdomain } from '@kctl/shared';
import type { FieldError, KubernetesObject } from '@kctl/shared';
import { validateObjectMeta, validateObjectMetaUpdate, type NameRule } from './metadata-validation.js';
import type { ResourceStrategy } from './resource-strategy.js';
import { keepOldBodyExceptStatus, keepOldStatus } from './status-subresource.js';

/** What is particular to one kind; everything optional has a sensible generic behaviour. */
export interface KindRules {
  /** Name format; most kinds use DNS-1123 subdomains. */
  nameRule?: NameRule;
  tracksGeneration?: boolean;
  defaults?(obj: KubernetesObject): void;
  /**
   * The status a new object starts with (Kubernetes' PrepareForCreate resets it, as users may
   * not set status). Only used for kinds with a status subresource; `{}` when not given.
   */
  initialStatus?(obj: KubernetesObject): Record<string, unknown>;
  /** Nodes register with their status already filled in; for them the status is not reset. */
  keepsStatusOnCreate?: boolean;
  /** Create-time rules beyond the status reset (runs after it). */
  prepareForCreate?(obj: KubernetesObject): void;
  prepareForUpdate?(obj: KubernetesObject, old: KubernetesObject): void;
  prepareForStatusUpdate?(obj: KubernetesObject, old: KubernetesObject): void;
  /** Validation of everything but metadata.name/namespace/labels/annotations. */
  validate?(obj: KubernetesObject): FieldError[];
  validateUpdate?(obj: KubernetesObject, old: KubernetesObject): FieldError[];
}

export interface ResourceScope {
  /** undefined when unknown (a type missing from the catalog): namespace presence is not checked. */
  namespaced?: boolean;
  hasStatusSubresource: boolean;
}

export function buildStrategy(rules: KindRules, scope: ResourceScope): ResourceStrategy {
  const metaRules = { namespaced: scope.namespaced, nameRule: rules.nameRule ?? isDNS1123Subdomain };
  return {
    tracksGeneration: rules.tracksGeneration ?? false,
    defaults: (obj) => rules.defaults?.(obj),
    prepareForCreate: (obj) => {
      if (scope.hasStatusSubresource && !rules.keepsStatusOnCreate) obj.status = rules.initialStatus?.(obj) ?? {};
      rules.prepareForCreate?.(obj);
    },
    prepareForUpdate: (obj, old) => {
      if (scope.hasStatusSubresource) keepOldStatus(obj, old);
      rules.prepareForUpdate?.(obj, old);
    },
    prepareForStatusUpdate: (obj, old) => {
      keepOldBodyExceptStatus(obj, old);
      rules.prepareForStatusUpdate?.(obj, old);
    },
    validate: (obj) => [...validateObjectMeta(obj, metaRules), ...(rules.validate?.(obj) ?? [])],
    validateUpdate: (obj, old) => [...validateObjectMetaUpdate(obj, old), ...(rules.validateUpdate?.(obj, old) ?? [])],
  };
}
