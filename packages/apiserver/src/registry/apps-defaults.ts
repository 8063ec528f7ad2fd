// SetDefaults_Deployment, _ReplicaSet, _DaemonSet and _StatefulSet (pkg/apis/apps/v1/defaults.go),
// plus the PodSpec defaults of each one's pod template.
import type { PodSpec } from '@kctl/shared';
import { sectionOf, type JsonRecord } from './object-access.js';
import { defaultPodSpec } from './pod-spec-defaults.js';

/** Defaults `spec.template.spec` when a template is present (validation reports a missing one). */
export function defaultTemplateOf(spec: JsonRecord): void {
  const template = spec.template;
  if (typeof template !== 'object' || template === null) return;
  defaultPodSpec(sectionOf(template as JsonRecord, 'spec') as unknown as PodSpec);
}

export function defaultDeploymentSpec(spec: JsonRecord): void {
  spec.replicas ??= 1;
  const strategy = sectionOf(spec, 'strategy');
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rollingUpdate = sectionOf(strategy, 'rollingUpdate');
    rollingUpdate.maxUnavailable ??= '25%';
    rollingUpdate.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultTemplateOf(spec);
}

export function defaultReplicaSetSpec(spec: JsonRecord): void {
  spec.replicas ??= 1;
  defaultTemplateOf(spec);
}

export function defaultDaemonSetSpec(spec: JsonRecord): void {
  const updateStrategy = sectionOf(spec, 'updateStrategy');
  updateStrategy.type ||= 'RollingUpdate';
  if (updateStrategy.type === 'RollingUpdate') {
    const rollingUpdate = sectionOf(updateStrategy, 'rollingUpdate');
    rollingUpdate.maxUnavailable ??= 1;
    rollingUpdate.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  defaultTemplateOf(spec);
}

export function defaultStatefulSetSpec(spec: JsonRecord): void {
  spec.podManagementPolicy ||= 'OrderedReady';
  const updateStrategy = sectionOf(spec, 'updateStrategy');
  if (!updateStrategy.type) {
    updateStrategy.type = 'RollingUpdate';
    sectionOf(updateStrategy, 'rollingUpdate');
  }
  const rollingUpdate = updateStrategy.rollingUpdate;
  if (updateStrategy.type === 'RollingUpdate' && typeof rollingUpdate === 'object' && rollingUpdate !== null) {
    (rollingUpdate as JsonRecord).partition ??= 0;
  }
  const retention = sectionOf(spec, 'persistentVolumeClaimRetentionPolicy');
  retention.whenDeleted ||= 'Retain';
  retention.whenScaled ||= 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  defaultTemplateOf(spec);
}
