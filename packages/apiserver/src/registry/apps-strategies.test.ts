import { describe, expect, it } from 'vitest';
import type { KubernetesObject } from '@kctl/shared';
import { strategyFor } from './strategy-table.js';
import { describeErrors, runCreate, runStatusUpdate, runUpdate } from './strategy-pipeline.js';

const deployments = strategyFor('apps', 'deployments');
const deployment = (labels: Record<string, string> = { app: 'web' }, selector: Record<string, string> = { app: 'web' }): KubernetesObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    selector: { matchLabels: selector },
    template: { metadata: { labels }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
  },
});

describe('Deployment strategy', () => {
  it('tracks generation', () => {
    expect(deployments.tracksGeneration).toBe(true);
    expect(strategyFor('', 'services').tracksGeneration).toBe(false);
  });

  it('defaults the deployment and its pod template (template gets PodSpec defaults only)', () => {
    const { object, errors } = runCreate(deployments, deployment());
    expect(errors).toEqual([]);
    expect(object.spec).toEqual({
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'nginx',
              image: 'nginx:1.27',
              imagePullPolicy: 'IfNotPresent',
              resources: {},
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
            },
          ],
          dnsPolicy: 'ClusterFirst',
          restartPolicy: 'Always',
          schedulerName: 'default-scheduler',
          securityContext: {},
          terminationGracePeriodSeconds: 30,
        },
      },
    });
    expect(object.status).toEqual({});
  });

  it('rejects a selector that does not select the template', () => {
    const errors = describeErrors(runCreate(deployments, deployment({ app: 'api', tier: 'backend' })).errors);
    expect(errors).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"api", "tier":"backend"}: `selector` does not match template `labels`',
    ]);
  });

  it('requires a non-empty selector and non-negative replicas', () => {
    const noSelector = deployment();
    delete (noSelector.spec as Record<string, unknown>).selector;
    expect(describeErrors(runCreate(deployments, noSelector).errors)).toEqual(['spec.selector: Required value']);
    const empty = deployment({ app: 'web' }, {});
    expect(describeErrors(runCreate(deployments, empty).errors)).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    ]);
    const negative = deployment();
    (negative.spec as Record<string, unknown>).replicas = -1;
    expect(describeErrors(runCreate(deployments, negative).errors)).toEqual(['spec.replicas: Invalid value: -1: must be greater than or equal to 0']);
  });

  it('requires restartPolicy Always in the template', () => {
    const pod = deployment();
    ((pod.spec as any).template.spec as Record<string, unknown>).restartPolicy = 'Never';
    expect(describeErrors(runCreate(deployments, pod).errors)).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
  });

  it('keeps the selector immutable', () => {
    const old = runCreate(deployments, deployment()).object;
    const changed = deployment({ app: 'web2' }, { app: 'web2' });
    expect(describeErrors(runUpdate(deployments, changed, old).errors)).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });

  it('separates spec and status writes', () => {
    const old = runCreate(deployments, deployment()).object;
    const scaled = structuredClone(old);
    (scaled.spec as Record<string, unknown>).replicas = 3;
    scaled.status = { replicas: 99 };
    const update = runUpdate(deployments, scaled, old);
    expect(update.object.status).toEqual({});
    expect(update.object.spec).toMatchObject({ replicas: 3 });

    const statusWrite = structuredClone(scaled);
    statusWrite.metadata = { ...statusWrite.metadata, labels: { sneaky: 'yes' } };
    const status = runStatusUpdate(deployments, statusWrite, old);
    expect(status.object.spec).toMatchObject({ replicas: 1 });
    expect(status.object.status).toEqual({ replicas: 99 });
    expect(status.object.metadata?.labels).toBeUndefined();
  });
});

describe('other apps/v1 workloads', () => {
  const workload = (kind: string): KubernetesObject => ({ ...deployment(), apiVersion: 'apps/v1', kind });

  it('defaults ReplicaSets, DaemonSets and StatefulSets as SetDefaults_* do', () => {
    const rs = runCreate(strategyFor('apps', 'replicasets'), workload('ReplicaSet'));
    expect(rs.object.spec).toMatchObject({ replicas: 1 });
    expect(rs.object.status).toEqual({ replicas: 0 });

    const ds = runCreate(strategyFor('apps', 'daemonsets'), workload('DaemonSet'));
    expect(ds.errors).toEqual([]);
    expect(ds.object.spec).toMatchObject({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, revisionHistoryLimit: 10 });
    expect(ds.object.status).toEqual({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 });

    const sts = runCreate(strategyFor('apps', 'statefulsets'), workload('StatefulSet'));
    expect(sts.errors).toEqual([]);
    expect(sts.object.spec).toMatchObject({
      replicas: 1,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    });
    expect(sts.object.spec).not.toHaveProperty('serviceName');
  });

  it('words empty-selector and rollout errors per kind', () => {
    const ds = workload('DaemonSet');
    (ds.spec as Record<string, unknown>).updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } };
    expect(describeErrors(runCreate(strategyFor('apps', 'daemonsets'), ds).errors)).toEqual([
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: cannot be 0 when maxSurge is 0',
    ]);
  });

  it("lets StatefulSet containers mount volumeClaimTemplates, and only those, by name", () => {
    const statefulSets = strategyFor('apps', 'statefulsets');
    const sts = workload('StatefulSet');
    const spec = sts.spec as Record<string, any>;
    spec.template.spec.containers[0].volumeMounts = [{ name: 'data', mountPath: '/data' }];
    spec.volumeClaimTemplates = [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Mi' } } } }];
    const created = runCreate(statefulSets, sts);
    expect(created.errors).toEqual([]);
    expect((created.object.spec as Record<string, any>).template.spec.volumes).toBeUndefined();
    spec.volumeClaimTemplates[0].metadata.name = 'other';
    expect(describeErrors(runCreate(statefulSets, sts).errors)).toEqual(['spec.template.spec.containers[0].volumeMounts[0].name: Not found: "data"']);
  });

  it('freezes a StatefulSet spec apart from its mutable fields', () => {
    const statefulSets = strategyFor('apps', 'statefulsets');
    const old = runCreate(statefulSets, workload('StatefulSet')).object;
    const resized = structuredClone(old);
    (resized.spec as Record<string, unknown>).replicas = 5;
    expect(runUpdate(statefulSets, resized, old).errors).toEqual([]);
    const renamed = structuredClone(old);
    (renamed.spec as Record<string, unknown>).serviceName = 'other';
    expect(describeErrors(runUpdate(statefulSets, renamed, old).errors)).toEqual([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
  });
});
