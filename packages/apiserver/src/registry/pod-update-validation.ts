// ValidatePodUpdate: a Pod's spec is immutable apart from container images, a shortened
// activeDeadlineSeconds, added tolerations and removed scheduling gates. Anything else is rejected
// with Kubernetes' message, followed by a diff of what changed (Kubernetes prints a Go cmp.Diff;
// ours lists the changed paths as JSON).
import { fieldErrors, type Container, type FieldError, type Pod, type PodSpec, inclusiveRangeError } from '@kctl/shared';
import { arrayOf, deepCopy, isRecord, jsonEqual, type JsonRecord } from './object-access.js';
import { describeDiff } from './spec-diff.js';

const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];
const MAX_INT32 = 2147483647;

export function validatePodSpecUpdate(pod: Pod, old: Pod): FieldError[] {
  const spec = (pod.spec ?? {}) as PodSpec;
  const oldSpec = (old.spec ?? {}) as PodSpec;
  const errs: FieldError[] = [];
  for (const list of ['containers', 'initContainers'] as const) {
    const containers = arrayOf<Container>(spec[list]);
    if (containers.length !== arrayOf(oldSpec[list]).length) {
      return [...errs, fieldErrors.forbidden(`spec.${list}`, 'pod updates may not add or remove containers')];
    }
    containers.forEach((container, i) => {
      if (!container.image) errs.push(fieldErrors.required(`spec.${list}[${i}].image`));
      else if (container.image.trim() !== container.image) {
        errs.push(fieldErrors.invalid(`spec.${list}[${i}].image`, container.image, 'must not have leading or trailing whitespace'));
      }
    });
  }
  const deadlineError = validateDeadlineUpdate(spec.activeDeadlineSeconds, oldSpec.activeDeadlineSeconds);
  if (deadlineError) return [...errs, deadlineError];
  if (!onlyAddsTolerations(spec, oldSpec)) {
    errs.push(fieldErrors.forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds'));
  }
  if (jsonEqual(spec, oldSpec)) return errs;

  const munged = mungeUpdatableFields(spec, oldSpec);
  if (!jsonEqual(munged, oldSpec)) {
    const detail = `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${describeDiff(oldSpec, munged)}`;
    errs.push(fieldErrors.forbidden('spec', detail));
  }
  return errs;
}

/** Two legal changes: nil → positive, and positive → a smaller non-negative value. */
function validateDeadlineUpdate(value: number | undefined, old: number | undefined): FieldError | undefined {
  const path = 'spec.activeDeadlineSeconds';
  if (value === undefined) {
    return old === undefined ? undefined : fieldErrors.invalid(path, null, 'must not update from a positive integer to nil value');
  }
  if (value < 0 || value > MAX_INT32) return fieldErrors.invalid(path, value, inclusiveRangeError(0, MAX_INT32));
  if (old !== undefined && old < value) return fieldErrors.invalid(path, value, 'must be less than or equal to previous value');
  return undefined;
}

/** Every old toleration must still be there; only its tolerationSeconds may differ. */
function onlyAddsTolerations(spec: PodSpec, oldSpec: PodSpec): boolean {
  const withoutSeconds = (t: unknown) => {
    const { tolerationSeconds: _ignored, ...rest } = isRecord(t) ? t : {};
    return rest;
  };
  const current = arrayOf(spec.tolerations).map(withoutSeconds);
  return arrayOf(oldSpec.tolerations).every((old) => current.some((t) => jsonEqual(t, withoutSeconds(old))));
}

/** The new spec with every field that may change replaced by its old value. */
function mungeUpdatableFields(spec: PodSpec, oldSpec: PodSpec): JsonRecord {
  const munged = deepCopy(spec) as unknown as JsonRecord;
  for (const list of ['containers', 'initContainers'] as const) {
    const oldContainers = arrayOf<Container>(oldSpec[list]);
    arrayOf<Container>(munged[list]).forEach((container, i) => {
      container.image = oldContainers[i]?.image ?? container.image;
    });
  }
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.schedulingGates = oldSpec.schedulingGates;
  munged.tolerations = oldSpec.tolerations;
  const oldGrace = oldSpec.terminationGracePeriodSeconds;
  if (oldGrace !== undefined && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldGrace;
  return munged;
}
