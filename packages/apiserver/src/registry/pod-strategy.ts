// Pods: full defaulting, admission defaults and Pending status on create, PodSpec validation,
// spec immutability on update (which also stops an update from rebinding a pod: binding is its
// own subresource), and a status subresource that keeps the QoS class fixed.
import { fieldErrors, type FieldError, type KubernetesObject, type Pod } from '@kctl/shared';
import { deepCopy, isRecord, metadataOf } from './object-access.js';
import { admitNewPod, defaultPod, initialPodStatus } from './pod-defaults.js';
import { validatePodSpec } from './pod-spec-validation.js';
import { validatePodSpecUpdate } from './pod-update-validation.js';
import type { KindRules } from './strategy-builder.js';

const asPod = (obj: KubernetesObject) => obj as unknown as Pod;

export const podRules: KindRules = {
  defaults: (obj) => defaultPod(asPod(obj)),
  initialStatus: (obj) => ({ ...initialPodStatus(asPod(obj)) }),
  prepareForCreate: (obj) => admitNewPod(asPod(obj)),
  prepareForStatusUpdate: (obj, old) => {
    // Old kubelets corrupted owner references through /status; Kubernetes never lets it change them.
    const meta = metadataOf(obj);
    if (old.metadata?.ownerReferences) meta.ownerReferences = deepCopy(old.metadata.ownerReferences);
    else delete meta.ownerReferences;
    // Old kubelets drop qosClass when rejecting a pod; the class is fixed at creation, so backfill it.
    const status = isRecord(obj.status) ? obj.status : (obj.status = {});
    const oldQos = isRecord(old.status) ? old.status.qosClass : undefined;
    if (!status.qosClass && oldQos) status.qosClass = oldQos;
  },
  validate: (obj) => {
    const pod = asPod(obj);
    const errs = validatePodSpec(pod.spec, 'spec');
    if (pod.spec?.nodeName && (pod.spec.schedulingGates?.length ?? 0) > 0) {
      errs.push(fieldErrors.forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
    }
    return errs;
  },
  validateUpdate: (obj, old) => validatePodUpdate(asPod(obj), asPod(old)),
};

function validatePodUpdate(pod: Pod, old: Pod): FieldError[] {
  const errs: FieldError[] = [];
  const qos = pod.status?.qosClass;
  const oldQos = old.status?.qosClass;
  if (oldQos && qos !== undefined && qos !== oldQos) errs.push(fieldErrors.invalid('status.qosClass', qos, 'field is immutable'));
  errs.push(...validatePodSpecUpdate(pod, old));
  return errs;
}
