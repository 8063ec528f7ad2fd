import { describe, expect, it } from 'vitest';
import type { KubernetesObject } from '@kctl/shared';
import { daemonSetStatus, deploymentStatus, statefulSetStatus, statusViewerFor } from './status-viewers.js';

const deployment = (generation: number, spec: Record<string, unknown>, status: Record<string, unknown>, annotations: Record<string, string> = {}): KubernetesObject =>
  ({ kind: 'Deployment', metadata: { name: 'web', generation, annotations }, spec, status }) as KubernetesObject;

describe('deployment status viewer', () => {
  it('waits for the controller to observe the spec', () => {
    expect(deploymentStatus(deployment(2, { replicas: 3 }, { observedGeneration: 1 }), 0)).toEqual({ message: 'Waiting for deployment spec update to be observed...\n', done: false });
  });
  it('counts updated, old and available replicas in kubectl words', () => {
    expect(deploymentStatus(deployment(1, { replicas: 3 }, { observedGeneration: 1, updatedReplicas: 1, replicas: 3 }), 0).message).toBe(
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n',
    );
    expect(deploymentStatus(deployment(1, { replicas: 3 }, { observedGeneration: 1, updatedReplicas: 3, replicas: 4 }), 0).message).toBe(
      'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...\n',
    );
    expect(deploymentStatus(deployment(1, { replicas: 3 }, { observedGeneration: 1, updatedReplicas: 3, replicas: 3, availableReplicas: 2 }), 0).message).toBe(
      'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...\n',
    );
    expect(deploymentStatus(deployment(1, { replicas: 3 }, { observedGeneration: 1, updatedReplicas: 3, replicas: 3, availableReplicas: 3 }), 0)).toEqual({
      message: 'deployment "web" successfully rolled out\n',
      done: true,
    });
  });
  it('fails on an exceeded progress deadline and on a different revision', () => {
    const stuck = deployment(1, { replicas: 1 }, { observedGeneration: 1, conditions: [{ type: 'Progressing', reason: 'ProgressDeadlineExceeded' }] });
    expect(() => deploymentStatus(stuck, 0)).toThrow('deployment "web" exceeded its progress deadline');
    const revised = deployment(1, { replicas: 1 }, { observedGeneration: 1 }, { 'deployment.kubernetes.io/revision': '2' });
    expect(() => deploymentStatus(revised, 3)).toThrow('desired revision (3) is different from the running revision (2)');
  });
});

describe('daemon set and stateful set status viewers', () => {
  it('follows updated and available pods of a daemon set', () => {
    const ds = (status: Record<string, unknown>) => ({ metadata: { name: 'agent', generation: 1 }, spec: { updateStrategy: { type: 'RollingUpdate' } }, status: { observedGeneration: 1, ...status } }) as KubernetesObject;
    expect(daemonSetStatus(ds({ desiredNumberScheduled: 2, updatedNumberScheduled: 1 })).message).toBe('Waiting for daemon set "agent" rollout to finish: 1 out of 2 new pods have been updated...\n');
    expect(daemonSetStatus(ds({ desiredNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 1 })).message).toBe('Waiting for daemon set "agent" rollout to finish: 1 of 2 updated pods are available...\n');
    expect(daemonSetStatus(ds({ desiredNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 2 }))).toEqual({ message: 'daemon set "agent" successfully rolled out\n', done: true });
    const onDelete = { metadata: { name: 'agent' }, spec: { updateStrategy: { type: 'OnDelete' } } } as KubernetesObject;
    expect(() => daemonSetStatus(onDelete)).toThrow('rollout status is only available for RollingUpdate strategy type');
  });
  it('reports a stateful set by readiness, then partition', () => {
    const sts = (status: Record<string, unknown>) =>
      ({ metadata: { name: 'db', generation: 1 }, spec: { replicas: 3, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } } }, status: { observedGeneration: 1, ...status } }) as KubernetesObject;
    expect(statefulSetStatus(sts({ observedGeneration: 0 })).message).toBe('Waiting for statefulset spec update to be observed...\n');
    expect(statefulSetStatus(sts({ readyReplicas: 1 })).message).toBe('Waiting for 2 pods to be ready...\n');
    expect(statefulSetStatus(sts({ readyReplicas: 3, updatedReplicas: 2 })).message).toBe('Waiting for partitioned roll out to finish: 2 out of 3 new pods have been updated...\n');
    expect(statefulSetStatus(sts({ readyReplicas: 3, updatedReplicas: 3 }))).toEqual({ message: 'partitioned roll out complete: 3 new pods have been updated...\n', done: true });
  });
  it('has no viewer for other kinds', () => {
    expect(() => statusViewerFor('Service', '')).toThrow('no status viewer has been implemented for Service');
  });
});
