import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiFixture, pod } from '../test-support/api-fixture.test-support.js';
import type { ApiFixture } from '../test-support/api-fixture.test-support.js';

let api: ApiFixture;
beforeEach(async () => {
  api = await apiFixture();
});
afterEach(async () => {
  await api.close();
});

const PODS = '/api/v1/namespaces/default/pods';

describe('deletion', () => {
  it('removes a pod that no node runs at once', async () => {
    await api.call('POST', PODS, pod('a'));
    const del = await api.call('DELETE', `${PODS}/a`, { propagationPolicy: 'Background' });
    expect(del.status).toBe(200);
    expect((await api.call('GET', `${PODS}/a`)).status).toBe(404);
  });

  it('marks a running pod with a grace period, and removes it on a grace-0 delete', async () => {
    await api.call('POST', PODS, pod('b', { nodeName: 'n1', terminationGracePeriodSeconds: 45 }));
    const marked = await api.call('DELETE', `${PODS}/b`);
    expect(marked.body.metadata.deletionGracePeriodSeconds).toBe(45);
    expect(marked.body.metadata.deletionTimestamp).toBeDefined();
    expect((await api.call('GET', `${PODS}/b`)).status).toBe(200);
    const again = await api.call('DELETE', `${PODS}/b`);
    expect(again.body.metadata.deletionTimestamp).toBe(marked.body.metadata.deletionTimestamp);
    await api.call('DELETE', `${PODS}/b`, { gracePeriodSeconds: 0 });
    expect((await api.call('GET', `${PODS}/b`)).status).toBe(404);
  });

  it('removes a pod in a terminal phase at once', async () => {
    const created = (await api.call('POST', PODS, pod('c', { nodeName: 'n1' }))).body;
    await api.call('PUT', `${PODS}/c/status`, { ...created, status: { ...created.status, phase: 'Succeeded' } });
    await api.call('DELETE', `${PODS}/c`);
    expect((await api.call('GET', `${PODS}/c`)).status).toBe(404);
  });

  it('holds an object with finalizers until the last one is removed', async () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', finalizers: ['example.com/hold'] } };
    await api.call('POST', '/api/v1/namespaces/default/configmaps', cm);
    const marked = await api.call('DELETE', '/api/v1/namespaces/default/configmaps/held');
    expect(marked.body.metadata.deletionTimestamp).toBeDefined();
    const held = await api.call('GET', '/api/v1/namespaces/default/configmaps/held');
    expect(held.status).toBe(200);
    const released = await api.call('PATCH', '/api/v1/namespaces/default/configmaps/held', { metadata: { finalizers: null } }, { 'content-type': 'application/merge-patch+json' });
    expect(released.status).toBe(200);
    expect((await api.call('GET', '/api/v1/namespaces/default/configmaps/held')).status).toBe(404);
  });

  it('honours uid and resourceVersion preconditions', async () => {
    await api.call('POST', PODS, pod('d'));
    const wrong = await api.call('DELETE', `${PODS}/d`, { preconditions: { uid: 'not-it' } });
    expect(wrong.status).toBe(409);
    expect((await api.call('GET', `${PODS}/d`)).status).toBe(200);
  });

  it('holds a terminating namespace until the finalize subresource clears spec.finalizers', async () => {
    await api.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'tmp' } });
    await api.call('POST', '/api/v1/namespaces/tmp/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    const marked = await api.call('DELETE', '/api/v1/namespaces/tmp', { propagationPolicy: 'Background' });
    expect(marked.body.status.phase).toBe('Terminating');
    expect(marked.body.spec.finalizers).toEqual(['kubernetes']);
    const refused = await api.call('POST', '/api/v1/namespaces/tmp/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'y' } });
    expect(refused.status).toBe(403);
    // A status write (the namespace controller's conditions) does not end it; a second DELETE neither.
    await api.call('PUT', '/api/v1/namespaces/tmp/status', { ...marked.body, status: { phase: 'Terminating', conditions: [] } });
    expect((await api.call('DELETE', '/api/v1/namespaces/tmp')).status).toBe(200);
    // A plain update cannot drop the finalizer.
    const current = (await api.call('GET', '/api/v1/namespaces/tmp')).body;
    await api.call('PUT', '/api/v1/namespaces/tmp', { ...current, spec: { finalizers: [] } });
    expect((await api.call('GET', '/api/v1/namespaces/tmp')).body.spec.finalizers).toEqual(['kubernetes']);
    expect((await api.call('GET', '/api/v1/namespaces/tmp/configmaps/x')).status).toBe(200);
    const finalized = await api.call('PUT', '/api/v1/namespaces/tmp/finalize', { ...current, spec: { finalizers: [] } });
    expect(finalized.status).toBe(200);
    expect((await api.call('GET', '/api/v1/namespaces/tmp')).status).toBe(404);
  });

  it('keeps a live namespace on finalize, changing only spec.finalizers', async () => {
    const created = (await api.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'live' } })).body;
    const res = await api.call('PUT', '/api/v1/namespaces/live/finalize', { ...created, metadata: { ...created.metadata, labels: { x: 'y' } }, spec: { finalizers: [] } });
    expect(res.status).toBe(200);
    expect(res.body.spec.finalizers).toBeUndefined();
    expect(res.body.metadata.labels.x).toBeUndefined();
    const stale = await api.call('PUT', '/api/v1/namespaces/live/finalize', { ...created, spec: { finalizers: ['kubernetes'] } });
    expect(stale.status).toBe(409);
  });
});

describe('propagation policies', () => {
  const CMS = '/api/v1/namespaces/default/configmaps';
  const cm = (name: string, finalizers?: string[]) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(finalizers ? { finalizers } : {}) } });

  it('deletes at once with Background (the default)', async () => {
    await api.call('POST', CMS, cm('bg'));
    expect((await api.call('DELETE', `${CMS}/bg`)).status).toBe(200);
    expect((await api.call('GET', `${CMS}/bg`)).status).toBe(404);
  });

  it('marks with the foregroundDeletion finalizer for Foreground', async () => {
    await api.call('POST', CMS, cm('fg'));
    const marked = await api.call('DELETE', `${CMS}/fg`, { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Foreground' });
    expect(marked.body.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(marked.body.metadata.deletionTimestamp).toBeDefined();
    expect(marked.body.metadata.deletionGracePeriodSeconds).toBe(0);
    // Deleting again with Orphan swaps the garbage collector's finalizer.
    const swapped = await api.call('DELETE', `${CMS}/fg?propagationPolicy=Orphan`);
    expect(swapped.body.metadata.finalizers).toEqual(['orphan']);
    expect(swapped.body.metadata.deletionTimestamp).toBe(marked.body.metadata.deletionTimestamp);
    await api.call('PATCH', `${CMS}/fg`, { metadata: { finalizers: null } }, { 'content-type': 'application/merge-patch+json' });
    expect((await api.call('GET', `${CMS}/fg`)).status).toBe(404);
  });

  it('marks with the orphan finalizer for Orphan and orphanDependents=true, keeping other finalizers', async () => {
    await api.call('POST', CMS, cm('or', ['example.com/keep']));
    const marked = await api.call('DELETE', `${CMS}/or`, { orphanDependents: true });
    expect(marked.body.metadata.finalizers).toEqual(['example.com/keep', 'orphan']);
  });

  it('gives a running pod both its grace period and the finalizer', async () => {
    await api.call('POST', PODS, pod('fgpod', { nodeName: 'n1', terminationGracePeriodSeconds: 20 }));
    const marked = await api.call('DELETE', `${PODS}/fgpod`, { propagationPolicy: 'Foreground' });
    expect(marked.body.metadata.deletionGracePeriodSeconds).toBe(20);
    expect(marked.body.metadata.finalizers).toEqual(['foregroundDeletion']);
    // The kubelet's final grace-0 delete leaves it to the garbage collector's finalizer.
    const final = await api.call('DELETE', `${PODS}/fgpod`, { gracePeriodSeconds: 0 });
    expect(final.body.metadata.deletionGracePeriodSeconds).toBe(0);
    expect((await api.call('GET', `${PODS}/fgpod`)).status).toBe(200);
  });

  it('rejects invalid DeleteOptions with 422', async () => {
    await api.call('POST', CMS, cm('bad'));
    const both = await api.call('DELETE', `${CMS}/bad`, { orphanDependents: false, propagationPolicy: 'Background' });
    expect(both.status).toBe(422);
    expect(both.body.message).toContain('orphanDependents and deletionPropagation cannot be both set');
    const unknown = await api.call('DELETE', `${CMS}/bad`, { propagationPolicy: 'Sideways' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.details.kind).toBe('DeleteOptions');
  });
});
