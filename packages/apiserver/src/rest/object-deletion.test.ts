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

  it('finishes a namespace deletion once its contents are gone', async () => {
    await api.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'tmp' } });
    await api.call('POST', '/api/v1/namespaces/tmp/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    await api.call('DELETE', '/api/v1/namespaces/tmp');
    const deadline = Date.now() + 5000;
    while ((await api.call('GET', '/api/v1/namespaces/tmp')).status !== 404) {
      if (Date.now() > deadline) throw new Error('namespace was not removed');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await api.call('GET', '/api/v1/namespaces/tmp/configmaps/x')).status).toBe(404);
  });
});
