import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiFixture, deployment, pod, TABLE } from '../test-support/api-fixture.test-support.js';
import type { ApiFixture } from '../test-support/api-fixture.test-support.js';

let api: ApiFixture;
beforeEach(async () => {
  api = await apiFixture();
});
afterEach(async () => {
  await api.close();
});

const PODS = '/api/v1/namespaces/default/pods';
const DEPLOYS = '/apis/apps/v1/namespaces/default/deployments';

describe('create', () => {
  it('fills server metadata and defaults, and refuses duplicates', async () => {
    const created = await api.call('POST', PODS, pod('a'));
    expect(created.status).toBe(201);
    expect(created.body.metadata).toMatchObject({ name: 'a', namespace: 'default', resourceVersion: expect.stringMatching(/^\d+$/) });
    expect(created.body.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.body.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(created.body.status.phase).toBe('Pending');
    expect(created.body.spec.restartPolicy).toBe('Always');
    const again = await api.call('POST', PODS, pod('a'));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ kind: 'Status', reason: 'AlreadyExists', message: 'pods "a" already exists' });
  });

  it('generates names from generateName', async () => {
    const created = await api.call('POST', PODS, { ...pod(''), metadata: { generateName: 'web-' } });
    expect(created.status).toBe(201);
    expect(created.body.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('refuses objects in a missing or terminating namespace', async () => {
    const missing = await api.call('POST', '/api/v1/namespaces/nope/pods', pod('a'));
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('namespaces "nope" not found');
    await api.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gone' } });
    await api.call('POST', '/api/v1/namespaces/gone/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'keep' } });
    const del = await api.call('DELETE', '/api/v1/namespaces/gone');
    expect(del.body.status.phase).toBe('Terminating');
    const refused = await api.call('POST', '/api/v1/namespaces/gone/pods', pod('a'));
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('unable to create new content in namespace gone because it is being terminated');
  });

  it('gives a Job the generated controller-uid selector and labels', async () => {
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'once' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } },
    };
    const created = await api.call('POST', '/apis/batch/v1/namespaces/default/jobs', job);
    expect(created.status).toBe(201);
    const uid = created.body.metadata.uid;
    expect(created.body.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    expect(created.body.spec.template.metadata.labels).toMatchObject({ 'controller-uid': uid, 'job-name': 'once', 'batch.kubernetes.io/job-name': 'once' });
  });

  it('answers dryRun=All without storing', async () => {
    const dry = await api.call('POST', `${PODS}?dryRun=All`, pod('dry'));
    expect(dry.status).toBe(201);
    expect((await api.call('GET', `${PODS}/dry`)).status).toBe(404);
  });
});

describe('update', () => {
  it('bumps generation on spec changes only, through PUT, every patch type and scale', async () => {
    const created = (await api.call('POST', DEPLOYS, deployment('web'))).body;
    expect(created.metadata.generation).toBe(1);
    const labelled = await api.call('PATCH', `${DEPLOYS}/web`, { metadata: { labels: { x: 'y' } } }, { 'content-type': 'application/merge-patch+json' });
    expect(labelled.body.metadata.generation).toBe(1);
    const put = await api.call('PUT', `${DEPLOYS}/web`, { ...labelled.body, spec: { ...labelled.body.spec, replicas: 3 } });
    expect(put.body.metadata.generation).toBe(2);
    const merge = await api.call('PATCH', `${DEPLOYS}/web`, { spec: { replicas: 4 } }, { 'content-type': 'application/merge-patch+json' });
    expect(merge.body.metadata.generation).toBe(3);
    const json = await api.call('PATCH', `${DEPLOYS}/web`, [{ op: 'replace', path: '/spec/replicas', value: 5 }], { 'content-type': 'application/json-patch+json' });
    expect(json.body.metadata.generation).toBe(4);
    const smp = await api.call('PATCH', `${DEPLOYS}/web`, { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox:2' }] } } } }, { 'content-type': 'application/strategic-merge-patch+json' });
    expect(smp.body.metadata.generation).toBe(5);
    expect(smp.body.spec.template.spec.containers).toHaveLength(1);
    const scale = await api.call('PATCH', `${DEPLOYS}/web/scale`, { spec: { replicas: 1 } }, { 'content-type': 'application/merge-patch+json' });
    expect(scale.body).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 1 }, status: { selector: 'app=web' } });
    const after = (await api.call('GET', `${DEPLOYS}/web`)).body;
    expect(after.metadata.generation).toBe(6);
    expect(after.spec.replicas).toBe(1);
  });

  it('rejects a stale resourceVersion with 409 Conflict', async () => {
    const created = (await api.call('POST', DEPLOYS, deployment('web'))).body;
    await api.call('PUT', `${DEPLOYS}/web`, { ...created, spec: { ...created.spec, replicas: 5 } });
    const stale = await api.call('PUT', `${DEPLOYS}/web`, { ...created, spec: { ...created.spec, replicas: 7 } });
    expect(stale.status).toBe(409);
    expect(stale.body.reason).toBe('Conflict');
    expect((await api.call('GET', `${DEPLOYS}/web`)).body.spec.replicas).toBe(5);
  });

  it('keeps status out of main updates and spec out of status updates', async () => {
    const created = (await api.call('POST', DEPLOYS, deployment('web'))).body;
    const main = await api.call('PUT', `${DEPLOYS}/web`, { ...created, status: { replicas: 9 } });
    expect(main.body.status?.replicas).toBeUndefined();
    const status = await api.call('PUT', `${DEPLOYS}/web/status`, { ...main.body, spec: { ...main.body.spec, replicas: 9 }, status: { replicas: 2, observedGeneration: 1 } });
    expect(status.status).toBe(200);
    expect(status.body.status).toMatchObject({ replicas: 2, observedGeneration: 1 });
    expect(status.body.spec.replicas).toBe(2);
    expect(status.body.metadata.generation).toBe(1);
  });

  it('does not write (or change resourceVersion) when nothing changes', async () => {
    const created = (await api.call('POST', DEPLOYS, deployment('web'))).body;
    const same = await api.call('PUT', `${DEPLOYS}/web`, created);
    expect(same.body.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
  });

  it('server-side apply creates when missing, then conflicts with another manager unless forced', async () => {
    const apply = { 'content-type': 'application/apply-patch+yaml' };
    const created = await api.call('PATCH', `${DEPLOYS}/web?fieldManager=alice`, deployment('web', 2), apply);
    expect(created.status).toBe(201);
    const conflict = await api.call('PATCH', `${DEPLOYS}/web?fieldManager=bob`, deployment('web', 3), apply);
    expect(conflict.status).toBe(409);
    expect(conflict.body.message).toContain('Apply failed with 1 conflict: conflict with "alice"');
    expect(conflict.body.message).toContain('.spec.replicas');
    const forced = await api.call('PATCH', `${DEPLOYS}/web?fieldManager=bob&force=true`, deployment('web', 3), apply);
    expect(forced.status).toBe(200);
    expect(forced.body.spec.replicas).toBe(3);
    const missingManager = await api.call('PATCH', `${DEPLOYS}/web`, deployment('web', 3), apply);
    expect(missingManager.status).toBe(400);
  });

  it('answers an unknown patch type with 415 and a failing JSON patch with 422', async () => {
    await api.call('POST', DEPLOYS, deployment('web'));
    expect((await api.call('PATCH', `${DEPLOYS}/web`, '{}', { 'content-type': 'text/plain' })).status).toBe(415);
    const failing = await api.call('PATCH', `${DEPLOYS}/web`, [{ op: 'test', path: '/spec/replicas', value: 99 }], { 'content-type': 'application/json-patch+json' });
    expect(failing.status).toBe(422);
  });

  it('binds a pod to a node once', async () => {
    await api.call('POST', PODS, pod('p'));
    const bound = await api.call('POST', `${PODS}/p/binding`, { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p' }, target: { kind: 'Node', name: 'n1' } });
    expect(bound.status).toBe(201);
    const got = (await api.call('GET', `${PODS}/p`)).body;
    expect(got.spec.nodeName).toBe('n1');
    expect(got.status.conditions).toContainEqual(expect.objectContaining({ type: 'PodScheduled', status: 'True' }));
    const again = await api.call('POST', `${PODS}/p/binding`, { target: { name: 'n2' } });
    expect(again.status).toBe(409);
  });
});

describe('tables', () => {
  it('serves lists and single objects as Tables with PartialObjectMetadata rows', async () => {
    await api.call('POST', PODS, pod('a'));
    const list = await api.call('GET', PODS, undefined, TABLE);
    expect(list.body.kind).toBe('Table');
    expect(list.body.columnDefinitions.map((c: { name: string }) => c.name)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates']);
    expect(list.body.rows[0].cells.slice(0, 4)).toEqual(['a', '0/1', 'Pending', '0']);
    expect(list.body.rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'a', labels: { app: 'web' } } });
    const one = await api.call('GET', `${PODS}/a?includeObject=Object`, undefined, TABLE);
    expect(one.body.rows).toHaveLength(1);
    expect(one.body.rows[0].object.kind).toBe('Pod');
  });
});
