import { describe, expect, it } from 'vitest';
import type { KubernetesObject } from '../api/object-types.js';
import { applyConflictError } from './apply-conflict-error.js';
import { recordUpdateManagedFields } from './managed-fields.js';
import { serverSideApply } from './server-side-apply.js';

const DEPLOYMENT = { group: 'apps', kind: 'Deployment' };
const T1 = '2025-01-01T00:00:00Z';
const T2 = '2025-01-02T00:00:00Z';

function manifest(spec: Record<string, unknown>, labels: Record<string, string> = { app: 'web' }): KubernetesObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', labels }, spec };
}

const container = (name: string, image: string) => ({ name, image });

const apply = (current: KubernetesObject | undefined, applied: KubernetesObject, fieldManager = 'kubectl', force = false, now = T1) =>
  serverSideApply(current, applied, { fieldManager, force, type: DEPLOYMENT, now });

describe('serverSideApply', () => {
  it('creates: the object is the configuration, owned by the applier in FieldsV1', () => {
    const { object, conflicts } = apply(undefined, manifest({ replicas: 2, template: { spec: { containers: [container('c', 'nginx')] } } }));
    expect(conflicts).toEqual([]);
    expect(object.spec).toEqual({ replicas: 2, template: { spec: { containers: [container('c', 'nginx')] } } });
    expect(object.metadata?.managedFields).toEqual([
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        time: T1,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"c"}': { '.': {}, 'f:image': {}, 'f:name': {} } } } },
          },
        },
      },
    ]);
  });

  it('updates: merges into live fields it does not mention and keeps them', () => {
    const created = apply(undefined, manifest({ replicas: 2 })).object;
    const live = { ...created, spec: { ...(created.spec as object), paused: false }, status: { replicas: 2 } };
    const { object } = apply(live, manifest({ replicas: 3 }), 'kubectl', false, T2);
    expect(object.spec).toEqual({ replicas: 3, paused: false });
    expect(object.status).toEqual({ replicas: 2 });
    expect(object.metadata?.managedFields?.[0]?.time).toBe(T2);
  });

  it('removes a field the same manager applied before and dropped now', () => {
    const first = apply(undefined, manifest({ replicas: 2, minReadySeconds: 5, template: { spec: { containers: [container('a', 'x'), container('b', 'y')] } } }, { app: 'web', tier: 'fe' }));
    const { object } = apply(first.object, manifest({ replicas: 2, template: { spec: { containers: [container('a', 'x')] } } }));
    expect(object.spec).toEqual({ replicas: 2, template: { spec: { containers: [container('a', 'x')] } } });
    expect(object.metadata?.labels).toEqual({ app: 'web' });
    expect(object.metadata?.managedFields?.[0]?.fieldsV1).toEqual({
      'f:metadata': { 'f:labels': { 'f:app': {} } },
      'f:spec': { 'f:replicas': {}, 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"a"}': { '.': {}, 'f:image': {}, 'f:name': {} } } } } },
    });
  });

  it('keeps a dropped field another manager also owns', () => {
    const first = apply(undefined, manifest({ replicas: 2, minReadySeconds: 5 }), 'a');
    const shared = apply(first.object, manifest({ minReadySeconds: 5 }), 'b').object;
    const { object } = apply(shared, manifest({ replicas: 2 }), 'a');
    expect(object.spec).toEqual({ replicas: 2, minReadySeconds: 5 });
  });

  it('refuses to change a field another manager owns, and leaves the object alone', () => {
    const created = apply(undefined, manifest({ replicas: 2 }), 'helm').object;
    const { object, conflicts } = apply(created, manifest({ replicas: 5 }), 'kubectl');
    expect(conflicts).toEqual([{ manager: 'helm', field: '.spec.replicas', operation: 'Apply', apiVersion: 'apps/v1' }]);
    expect(object).toEqual(created);
  });

  it('does not conflict when both managers apply the same value; both own it', () => {
    const created = apply(undefined, manifest({ replicas: 2 }), 'helm').object;
    const { object, conflicts } = apply(created, manifest({ replicas: 2 }), 'kubectl');
    expect(conflicts).toEqual([]);
    expect(object.metadata?.managedFields?.map((e) => e.manager)).toEqual(['helm', 'kubectl']);
  });

  it('force takes the field over from its previous owner', () => {
    const created = apply(undefined, manifest({ replicas: 2, minReadySeconds: 1 }), 'helm').object;
    const { object, conflicts } = apply(created, manifest({ replicas: 5 }), 'kubectl', true);
    expect(conflicts).toEqual([]);
    expect(object.spec).toEqual({ replicas: 5, minReadySeconds: 1 });
    const owners = Object.fromEntries((object.metadata?.managedFields ?? []).map((e) => [e.manager, e.fieldsV1]));
    expect(owners.helm).toEqual({ 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:minReadySeconds': {} } });
    expect(owners.kubectl).toEqual({ 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:replicas': {} } });
  });

  it('conflicts with the owner recorded by an ordinary update (kubectl client-side apply)', () => {
    const created = recordUpdateManagedFields(undefined, manifest({ replicas: 1 }), 'kubectl-client-side-apply', 'Update', 'apps/v1', T1);
    const { conflicts } = apply(created, manifest({ replicas: 3 }));
    expect(conflicts).toEqual([{ manager: 'kubectl-client-side-apply', field: '.spec.replicas', operation: 'Update', apiVersion: 'apps/v1' }]);
    const error = applyConflictError(conflicts);
    expect(error.code).toBe(409);
    expect(error.message).toBe('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
    expect(error.toStatus().details?.causes).toEqual([
      { reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' },
    ]);
  });

  it('merges keyed list items and names them in conflicts', () => {
    const created = apply(undefined, manifest({ template: { spec: { containers: [container('a', 'x')] } } }), 'helm').object;
    const sidecar = apply(created, manifest({ template: { spec: { containers: [container('b', 'y')] } } }), 'mesh');
    expect(sidecar.conflicts).toEqual([]);
    expect((sidecar.object.spec as { template: { spec: { containers: unknown[] } } }).template.spec.containers).toEqual([container('a', 'x'), container('b', 'y')]);
    const { conflicts } = apply(sidecar.object, manifest({ template: { spec: { containers: [container('a', 'z')] } } }), 'mesh');
    expect(conflicts.map((c) => c.field)).toEqual(['.spec.template.spec.containers[name="a"].image']);
  });
});

describe('recordUpdateManagedFields', () => {
  it('records a create with `.` for added maps and list items, nothing for identity fields', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', uid: 'u', labels: { run: 'p' } }, spec: { containers: [{ name: 'c', image: 'x', resources: {} }] } };
    const result = recordUpdateManagedFields(undefined, pod, 'kubectl-run', 'Update', 'v1', T1);
    expect(result.metadata?.managedFields).toEqual([
      {
        manager: 'kubectl-run',
        operation: 'Update',
        apiVersion: 'v1',
        time: T1,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { '.': {}, 'f:run': {} } },
          'f:spec': { 'f:containers': { 'k:{"name":"c"}': { '.': {}, 'f:image': {}, 'f:name': {}, 'f:resources': {} } } },
        },
      },
    ]);
    expect(pod).not.toHaveProperty('metadata.managedFields');
  });

  it('moves changed fields to the updater and drops removed fields from everyone', () => {
    const v1 = recordUpdateManagedFields(undefined, manifest({ replicas: 1, paused: true }), 'creator', 'Update', 'apps/v1', T1);
    const v2 = recordUpdateManagedFields(v1, { ...v1, spec: { replicas: 4 } }, 'scaler', 'Update', 'apps/v1', T2);
    const owners = Object.fromEntries((v2.metadata?.managedFields ?? []).map((e) => [e.manager, e]));
    expect(owners.creator?.fieldsV1).toEqual({ 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } });
    expect(owners.creator?.time).toBe(T1);
    expect(owners.scaler?.fieldsV1).toEqual({ 'f:spec': { 'f:replicas': {} } });
  });

  it('adds no entry for a write that changed nothing', () => {
    const v1 = recordUpdateManagedFields(undefined, manifest({ replicas: 1 }), 'creator', 'Update', 'apps/v1', T1);
    const v2 = recordUpdateManagedFields(v1, v1, 'someone', 'Update', 'apps/v1', T2);
    expect(v2.metadata?.managedFields?.map((e) => e.manager)).toEqual(['creator']);
  });
});
