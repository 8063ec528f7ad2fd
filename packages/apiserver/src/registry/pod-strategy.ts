// Pods: full defaulting, admission defaults and Pending status on create, PodSpec validation,
// spec immutability on update, and a status subresource that cannot rebind the pod.
import { fieldErrors, type FieldError, type KubernetesObject, type Pod } from '@kctl/shared';
import { admitNewPod, defaultPod, initialPodStatus } from './pod-defaults.js';
import { validatePodSpec } from './pod-spec-validation.js';
import { validatePodSpecUpdate } from './pod-update-validation.js';
import { isRecord } from './object-access.js';
import type { KindRules } from './strategy-builder.js';

const asPod = (obj: KubernetesObject) => obj as unknown as Pod;

export const podRules: KindRules = {
  defaults: (obj) => defaultPod(asPod(obj)),
  initialStatus: (obj) => initialPodStatus(asPod(obj)),
  prepareForCreate: (obj) => admitNewPod(asPod(obj)),
  prepareForStatusUpdate: (obj, old) => {
    // Old kubelets drop qosClass when rejecting a pod; the class is fixed at creation, so backfill it.
    const status = isRecord(obj.status) ? obj.status : (obj.status = {});
    const oldQos = isRecord(old.status) ? old.status.qosClass : undefined;
    if (!status.qosClass && oldQos) status.qosClass = oldQos;
  },
  validate: (obj) => {
    const pod = asPod(obj);
    const errs = validatePodSpec(pod.spec, 'spec');
    const spec = pod.spec;
    if (spec && Array.isArray(spec.ephemeralContainers) && spec.ephemeralContainers.length > 0 && !obj.metadata?.uid) {
      errs.push(fieldErrors.forbidden('spec.ephemeralContainers', 'cannot be set on create'));
    }
    if (spec?.nodeName && (spec.schedulingGates?.length ?? 0) > 0) {
      errs.push(fieldErrors.forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
    }
    return errs;
  },
  validateUpdate: (obj, old) => validatePodUpdate(asPod(obj), asPod(old)),
};

function validatePodUpdate(pod: Pod, old: Pod): FieldError[] {
  const errs: FieldError[] = [];
  // Binding is its own subresource: an update may not move a pod that is already on a node.
  const nodeName = pod.spec?.nodeName ?? '';
  const oldNodeName = old.spec?.nodeName ?? '';
  if (oldNodeName && nodeName !== oldNodeName && isStatusUnchanged(pod, old)) {
    // Reported through the general spec-immutability message below, like Kubernetes.
  }
  const oldQos = old.status?.qosClass;
  if (oldQos && pod.status?.qosClass !== undefined && pod.status.qosClass !== oldQos) {
    errs.push(fieldErrors.invalid('status.qosClass', pod.status.qosClass, 'field is immutable'));
  }
  if (pod.spec?.nodeName !== undefined && nodeName !== oldNodeName && pod.spec && old.spec && isSpecOtherwiseEqual(pod, old)) {
    // nothing extra: ValidatePodUpdate's munged comparison below already rejects it.
  }
  errs.push(...validatePodSpecUpdate(pod, old));
  return errs;
}
