// Nodes: cluster-scoped, registered by their kubelet with status filled in (kept on create), taints
// validated like tolerations, and pod CIDRs / provider ID that may only go from unset to set.
import { fieldErrors, type FieldError, type KubernetesObject } from '@kctl/shared';
import { isRecord, jsonEqual, type JsonRecord } from './object-access.js';
import type { KindRules } from './strategy-builder.js';
import { validateTaints } from './toleration-validation.js';

const specOf = (node: KubernetesObject): JsonRecord => (isRecord(node.spec) ? node.spec : {});

function validateNodeUpdate(node: KubernetesObject, old: KubernetesObject): FieldError[] {
  const spec = specOf(node);
  const oldSpec = specOf(old);
  const errs: FieldError[] = [];
  const oldCIDRs = Array.isArray(oldSpec.podCIDRs) ? oldSpec.podCIDRs : [];
  if (oldCIDRs.length > 0 && !jsonEqual(spec.podCIDRs, oldCIDRs)) {
    errs.push(fieldErrors.forbidden('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
  }
  if (oldSpec.providerID && spec.providerID !== oldSpec.providerID) {
    errs.push(fieldErrors.forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  }
  return errs;
}

export const nodeRules: KindRules = {
  keepsStatusOnCreate: true,
  defaults: (node) => {
    // SetDefaults_NodeStatus: a node that reports only capacity can allocate all of it.
    const status = isRecord(node.status) ? node.status : undefined;
    if (status && status.allocatable === undefined && isRecord(status.capacity)) status.allocatable = { ...status.capacity };
  },
  validate: (node) => validateTaints(specOf(node).taints, 'spec.taints'),
  validateUpdate: validateNodeUpdate,
};
