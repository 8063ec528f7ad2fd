// validatePodSpec and ValidatePodTemplateSpec: one PodSpec validator for Pods and for the
// templates inside workloads, so a template that validates yields pods that validate.
import { fieldErrors, type FieldError, type PodSpec, inclusiveRangeError, isDNS1123Label, isDNS1123Subdomain } from '@kctl/shared';
import { oneOf, validateContainers, validateInitContainers } from './container-validation.js';
import { validateAnnotations, validateLabels } from './metadata-validation.js';
import { isRecord, type JsonRecord } from './object-access.js';
import { nonNegative } from './probe-validation.js';
import { validateTolerations } from './toleration-validation.js';
import { validateVolumes } from './volume-validation.js';

export const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PREEMPTION_POLICIES = ['Never', 'PreemptLowerPriority'];
const MAX_INT32 = 2147483647;

export function validatePodSpec(spec: unknown, path: string): FieldError[] {
  if (!isRecord(spec)) return [fieldErrors.required(`${path}.containers`)];
  const podSpec = spec as unknown as PodSpec;
  const volumes = validateVolumes(podSpec.volumes, `${path}.volumes`);
  const ctx = { volumeNames: volumes.validNames, hostNetwork: podSpec.hostNetwork === true };
  const errs = [...volumes.errors];
  errs.push(...validateContainers(podSpec.containers, ctx, `${path}.containers`));
  errs.push(...validateInitContainers(podSpec.initContainers, podSpec.containers, ctx, `${path}.initContainers`));
  errs.push(...oneOf(podSpec.restartPolicy, RESTART_POLICIES, `${path}.restartPolicy`));
  errs.push(...oneOf(podSpec.dnsPolicy, DNS_POLICIES, `${path}.dnsPolicy`));
  errs.push(...validateLabels(podSpec.nodeSelector, `${path}.nodeSelector`));
  errs.push(...dnsNames(podSpec, ['serviceAccountName', 'nodeName', 'priorityClassName'], isDNS1123Subdomain, path));
  errs.push(...dnsNames(podSpec, ['hostname', 'subdomain'], isDNS1123Label, path));
  errs.push(...nonNegative(podSpec.terminationGracePeriodSeconds, `${path}.terminationGracePeriodSeconds`));
  const deadline = podSpec.activeDeadlineSeconds;
  if (typeof deadline === 'number' && (deadline < 1 || deadline > MAX_INT32)) {
    errs.push(fieldErrors.invalid(`${path}.activeDeadlineSeconds`, deadline, inclusiveRangeError(1, MAX_INT32)));
  }
  errs.push(...validateTolerations(podSpec.tolerations, `${path}.tolerations`));
  if (podSpec.preemptionPolicy !== undefined) errs.push(...oneOf(podSpec.preemptionPolicy, PREEMPTION_POLICIES, `${path}.preemptionPolicy`));
  return errs;
}

function dnsNames(spec: PodSpec, fields: Array<keyof PodSpec>, rule: (name: string) => string[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const field of fields) {
    const value = spec[field];
    if (typeof value === 'string' && value) for (const msg of rule(value)) errs.push(fieldErrors.invalid(`${path}.${field}`, value, msg));
  }
  return errs;
}

/**
 * A pod template: its labels and annotations, then its spec. Templates may not pin a node's
 * ephemeral containers, and `allowedRestartPolicies` narrows restartPolicy for the owning kind
 * (Always for ReplicaSets and friends, Never/OnFailure for Jobs).
 */
export function validatePodTemplateSpec(template: unknown, path: string, allowedRestartPolicies?: string[]): FieldError[] {
  if (!isRecord(template)) return [fieldErrors.required(path)];
  const metadata = isRecord(template.metadata) ? template.metadata : {};
  const errs = [
    ...validateLabels(metadata.labels, `${path}.metadata.labels`),
    ...validateAnnotations(metadata.annotations, `${path}.metadata.annotations`),
    ...validatePodSpec(template.spec, `${path}.spec`),
  ];
  const spec = (template.spec ?? {}) as JsonRecord;
  if (Array.isArray(spec.ephemeralContainers) && spec.ephemeralContainers.length > 0) {
    errs.push(fieldErrors.forbidden(`${path}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'));
  }
  const restartPolicy = spec.restartPolicy;
  if (allowedRestartPolicies && !allowedRestartPolicies.includes(String(restartPolicy ?? ''))) {
    errs.push(fieldErrors.notSupported(`${path}.spec.restartPolicy`, restartPolicy ?? '', allowedRestartPolicies));
  }
  return errs;
}
