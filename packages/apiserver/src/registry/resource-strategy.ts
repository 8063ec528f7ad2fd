// Per-kind rules the generic REST layer applies: defaults, create/update preparation,
// validation. Metadata (uid, timestamps, resourceVersion, generation) is the REST layer's job.
import type { FieldError, KubernetesObject } from '@kctl/shared';

export interface ResourceStrategy {
  /** Whether metadata.generation is kept and bumped on spec changes. */
  readonly tracksGeneration?: boolean;
  /** Kubernetes defaulting (SetDefaults_*): runs on create and on every update. */
  defaults?(obj: KubernetesObject): void;
  /** Create-time only: e.g. a Pod's status is reset to phase Pending. */
  prepareForCreate?(obj: KubernetesObject): void;
  /** Main-resource update: e.g. keep the old status (status has its own subresource). */
  prepareForUpdate?(obj: KubernetesObject, old: KubernetesObject): void;
  /** Status-subresource update: e.g. keep everything but the status from the old object. */
  prepareForStatusUpdate?(obj: KubernetesObject, old: KubernetesObject): void;
  /** Field errors with Kubernetes' paths and wording; empty when valid. */
  validate?(obj: KubernetesObject): FieldError[];
  /** Immutable fields and update-only rules; runs after validate on updates. */
  validateUpdate?(obj: KubernetesObject, old: KubernetesObject): FieldError[];
}
