// The API server accepts application/vnd.kubernetes.protobuf request bodies (what kubectl's
// typed clients send) through the normal create path, answers JSON, and refuses bad bodies
// with a 400 Status instead of crashing.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiFixture } from '../test-support/api-fixture.test-support.js';
import type { ApiFixture } from '../test-support/api-fixture.test-support.js';
import { goDuration } from './well-known-json.js';

const PROTOBUF = 'application/vnd.kubernetes.protobuf';
const fixture = (name: string): Buffer => readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', `${name}.pb`));

let api: ApiFixture;
beforeEach(async () => {
  api = await apiFixture();
});
afterEach(async () => {
  await api.close();
});

async function post(url: string, payload: Buffer, contentType = PROTOBUF) {
  const res = await api.app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType, accept: `${PROTOBUF},application/json` } });
  return { status: res.statusCode, contentType: res.headers['content-type'], body: JSON.parse(res.body) };
}

describe('protobuf request bodies', () => {
  it('creates a Deployment from kubectl create deployment and answers JSON', async () => {
    const res = await post('/apis/apps/v1/namespaces/default/deployments?fieldManager=kubectl-create', fixture('deployment'));
    expect(res.status).toBe(201);
    expect(res.contentType).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 3 } });
    expect(res.body.spec.template.spec.containers[0]).toMatchObject({ image: 'nginx:1.27', ports: [{ containerPort: 8080 }] });
  });

  it('creates a Namespace, a Secret and a ClusterIP Service', async () => {
    expect((await post('/api/v1/namespaces', fixture('namespace'))).status).toBe(201);
    const secret = await post('/api/v1/namespaces/default/secrets', fixture('secret'));
    expect(secret.status).toBe(201);
    expect(secret.body.data).toEqual({ pass: Buffer.from('s3cr3t').toString('base64'), user: Buffer.from('admin').toString('base64') });
    const svc = await post('/api/v1/namespaces/default/services', fixture('service'));
    expect(svc.status).toBe(201);
    expect(svc.body.spec.ports).toEqual([
      expect.objectContaining({ name: '80-8080', port: 80, targetPort: 8080, protocol: 'TCP' }),
      expect.objectContaining({ name: '443', port: 443, targetPort: 443, protocol: 'TCP' }),
    ]);
  });

  it('answers a malformed body with a 400 Status', async () => {
    const good = fixture('deployment');
    const res = await post('/apis/apps/v1/namespaces/default/deployments', good.subarray(0, good.length - 9));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ kind: 'Status', reason: 'BadRequest', message: expect.stringMatching(/^error decoding the protobuf body: /) });
  });

  it('still answers 415 for media types Kubernetes does not take', async () => {
    expect((await post('/api/v1/namespaces', fixture('namespace'), 'application/x-thrift')).status).toBe(415);
  });
});

describe('goDuration', () => {
  it.each([
    [0, '0s'], [1.5e9, '1.5s'], [3600e9, '1h0m0s'], [90e9, '1m30s'], [300e6, '300ms'], [-2e9, '-2s'], [1500, '1.5µs'],
  ])('%d ns → %s', (ns, text) => {
    expect(goDuration(ns)).toBe(text);
  });
});
