// apps/v1 workloads: Deployment, ReplicaSet, DaemonSet and StatefulSet. All track generation,
// default their pod templates like Pods, require a selector that selects the template, and keep
// the selector immutable; each adds its own rollout rules.
import { fieldErrors, type FieldError, type KubernetesObject } from '@kctl/shared';
import { defaultDaemonSetSpec, defaultDeploymentSpec, defaultReplicaSetSpec, defaultStatefulSetSpec } from './apps-defaults.js';
import { oneOf } from './container-validation.js';
import { deepCopy, isRecord, jsonEqual, metadataOf, sectionOf, type JsonRecord } from './object-access.js';
import type { KindRules } from './strategy-builder.js';
import {
  validateNonNegativeFields,
  validateRollingUpdateKnobs,
  validateSelectorAndTemplate,
  validateSelectorUnchanged,
  type TemplateRules,
} from './workload-validation.js';

const specOf = (obj: KubernetesObject): JsonRecord => sectionOf(obj, 'spec');
const readSpec = (obj: KubernetesObject): JsonRecord => (isRecord(obj.spec) ? obj.spec : {});

interface AppsWorkload {
  template: TemplateRules;
  defaultSpec(spec: JsonRecord): void;
  validateSpec(spec: JsonRecord): FieldError[];
  initialStatus(): Record<string, unknown>;
  validateSpecUpdate?(spec: JsonRecord, oldSpec: JsonRecord): FieldError[];
  /** StatefulSet reports a changed selector through its general "spec is frozen" rule instead. */
  selectorCoveredBySpecUpdate?: boolean;
  prepareForStatusUpdate?(obj: KubernetesObject, old: KubernetesObject): void;
  /** The spec whose template is validated, when the kind adds to it (StatefulSet claim volumes). */
  specForTemplateValidation?(spec: JsonRecord): JsonRecord;
}

/** The shape every apps/v1 workload shares, around the kind's own rules. */
function appsWorkload(kind: AppsWorkload): KindRules {
  return {
    tracksGeneration: true,
    defaults: (obj) => kind.defaultSpec(specOf(obj)),
    initialStatus: () => kind.initialStatus(),
    ...(kind.prepareForStatusUpdate ? { prepareForStatusUpdate: kind.prepareForStatusUpdate } : {}),
    validate: (obj) => [
      ...validateSelectorAndTemplate(kind.specForTemplateValidation?.(readSpec(obj)) ?? readSpec(obj), kind.template),
      ...kind.validateSpec(readSpec(obj)),
    ],
    validateUpdate: (obj, old) => [
      ...(kind.selectorCoveredBySpecUpdate ? [] : validateSelectorUnchanged(readSpec(obj), readSpec(old))),
      ...(kind.validateSpecUpdate?.(readSpec(obj), readSpec(old)) ?? []),
    ],
  };
}

const LONG_RUNNING = (kind: string, selectorOwner: string): TemplateRules => ({
  selectorOwner,
  restartPolicies: ['Always'],
  forbidDeadlineFor: kind,
});

export const deploymentRules = appsWorkload({
  template: LONG_RUNNING('ReplicaSet', 'deployment'),
  defaultSpec: defaultDeploymentSpec,
  validateSpec: (spec) => {
    const errs = validateNonNegativeFields(spec, ['replicas', 'minReadySeconds', 'revisionHistoryLimit']);
    const strategy = isRecord(spec.strategy) ? spec.strategy : {};
    if (strategy.type === 'Recreate') {
      if (strategy.rollingUpdate !== undefined) {
        errs.push(fieldErrors.forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"));
      }
    } else if (strategy.type === 'RollingUpdate') {
      errs.push(...validateRollingUpdateKnobs(strategy.rollingUpdate, 'spec.strategy.rollingUpdate', 'may not be 0 when `maxSurge` is 0'));
    } else {
      errs.push(fieldErrors.notSupported('spec.strategy', strategy.type ?? '', ['Recreate', 'RollingUpdate']));
    }
    const deadline = spec.progressDeadlineSeconds;
    if (typeof deadline === 'number') {
      if (deadline <= 0) errs.push(fieldErrors.invalid('spec.progressDeadlineSeconds', deadline, 'must be greater than zero'));
      else if (deadline <= Number(spec.minReadySeconds ?? 0)) {
        errs.push(fieldErrors.invalid('spec.progressDeadlineSeconds', deadline, 'must be greater than minReadySeconds'));
      }
    }
    return errs;
  },
  initialStatus: () => ({}),
  // Kubernetes' Deployment status strategy also pins the labels (the controller's selectors read them).
  prepareForStatusUpdate: (obj, old) => {
    const meta = metadataOf(obj);
    if (old.metadata?.labels) meta.labels = deepCopy(old.metadata.labels);
    else delete meta.labels;
  },
});

export const replicaSetRules = appsWorkload({
  // Kubernetes' ReplicaSet validation reuses the Deployment wording for an empty selector.
  template: LONG_RUNNING('ReplicaSet', 'deployment'),
  defaultSpec: defaultReplicaSetSpec,
  validateSpec: (spec) => validateNonNegativeFields(spec, ['replicas', 'minReadySeconds']),
  initialStatus: () => ({ replicas: 0 }),
});

export const daemonSetRules = appsWorkload({
  template: LONG_RUNNING('DaemonSet', 'daemonset'),
  defaultSpec: defaultDaemonSetSpec,
  validateSpec: (spec) => {
    const errs = validateNonNegativeFields(spec, ['minReadySeconds', 'revisionHistoryLimit']);
    const strategy = isRecord(spec.updateStrategy) ? spec.updateStrategy : {};
    errs.push(...oneOf(strategy.type, ['OnDelete', 'RollingUpdate'], 'spec.updateStrategy.type'));
    if (strategy.type === 'RollingUpdate') {
      if (!isRecord(strategy.rollingUpdate)) errs.push(fieldErrors.required('spec.updateStrategy.rollingUpdate'));
      errs.push(...validateRollingUpdateKnobs(strategy.rollingUpdate, 'spec.updateStrategy.rollingUpdate', 'cannot be 0 when maxSurge is 0'));
    }
    return errs;
  },
  initialStatus: () => ({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 }),
});

const STATEFUL_SET_MUTABLE_SPEC = [
  'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds',
];

/**
 * Containers mount volumeClaimTemplates by name, volumes the controller adds to each pod: the
 * template is validated as if they were there, so such mounts are not "Not found".
 */
function withClaimVolumes(spec: JsonRecord): JsonRecord {
  const claims = Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates.filter(isRecord) : [];
  if (!isRecord(spec.template) || claims.length === 0) return spec;
  const template = deepCopy(spec.template);
  const podSpec = sectionOf(template, 'spec');
  const volumes = Array.isArray(podSpec.volumes) ? podSpec.volumes : [];
  const names = new Set(volumes.filter(isRecord).map((v) => v.name));
  const claimVolumes = claims
    .map((claim) => (isRecord(claim.metadata) ? claim.metadata.name : undefined))
    .filter((name): name is string => typeof name === 'string' && name !== '' && !names.has(name))
    .map((name) => ({ name, persistentVolumeClaim: { claimName: name } }));
  podSpec.volumes = [...volumes, ...claimVolumes];
  return { ...spec, template };
}

export const statefulSetRules = appsWorkload({
  template: LONG_RUNNING('StatefulSet', 'statefulset'),
  specForTemplateValidation: withClaimVolumes,
  defaultSpec: defaultStatefulSetSpec,
  validateSpec: (spec) => {
    const errs = validateNonNegativeFields(spec, ['replicas', 'minReadySeconds', 'revisionHistoryLimit']);
    const policy = spec.podManagementPolicy;
    if (policy !== 'OrderedReady' && policy !== 'Parallel') {
      errs.push(fieldErrors.invalid('spec.podManagementPolicy', policy ?? '', "must be 'OrderedReady' or 'Parallel'"));
    }
    const strategy = isRecord(spec.updateStrategy) ? spec.updateStrategy : {};
    if (strategy.type !== 'RollingUpdate' && strategy.type !== 'OnDelete') {
      errs.push(fieldErrors.invalid('spec.updateStrategy', strategy.type ?? '', "must be 'RollingUpdate' or 'OnDelete'"));
    }
    if (strategy.type === 'OnDelete' && strategy.rollingUpdate !== undefined) {
      errs.push(fieldErrors.invalid('spec.updateStrategy.rollingUpdate', strategy.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"));
    }
    if (isRecord(strategy.rollingUpdate)) {
      errs.push(...validateNonNegativeFields(strategy.rollingUpdate, ['partition'], 'spec.updateStrategy.rollingUpdate'));
    }
    return errs;
  },
  initialStatus: () => ({ replicas: 0, availableReplicas: 0 }),
  selectorCoveredBySpecUpdate: true,
  validateSpecUpdate: (spec, oldSpec) => {
    const frozen = (s: JsonRecord) => Object.fromEntries(Object.entries(s).filter(([key]) => !STATEFUL_SET_MUTABLE_SPEC.includes(key)));
    if (jsonEqual(frozen(spec), frozen(oldSpec))) return [];
    return [
      fieldErrors.forbidden(
        'spec',
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    ];
  },
});
