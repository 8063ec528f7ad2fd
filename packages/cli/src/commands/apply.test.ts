import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '@kctl/shared';
import { registerApply } from './apply.js';
import { FakeApi, notFound, runVerb, stored } from '../manifests/fake-api.test-support.js';
import type { RecordedRequest } from '../manifests/fake-api.test-support.js';
import { LAST_APPLIED_ANNOTATION, withLastApplied } from '../manifests/last-applied.js';

const POD_PATH = '/api/v1/namespaces/default/pods/demo';
const manifest = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'demo', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } };
const withNamespace = { ...manifest, metadata: { ...manifest.metadata, namespace: 'default' } };

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kctl-apply-'));
  file = path.join(dir, 'pod.json');
  await writeFile(file, JSON.stringify(manifest));
});

afterEach(() => rm(dir, { recursive: true, force: true }));

const writes = (api: FakeApi): RecordedRequest[] => api.requests.filter((r) => r.method !== 'GET');

describe('kctl apply (client-side)', () => {
  it('creates a missing object with the last-applied annotation', async () => {
    const api = new FakeApi((r) => (r.method === 'GET' ? notFound('pods', 'demo') : stored(r.body)));
    const result = await runVerb(registerApply, ['apply', '-f', file], api);
    expect(result).toEqual({ code: 0, stdout: 'pod/demo created\n', stderr: '' });
    const [post] = writes(api);
    expect(post).toMatchObject({ method: 'POST', path: '/api/v1/namespaces/default/pods', query: { fieldManager: 'kubectl-client-side-apply', fieldValidation: 'Strict' } });
    const annotation = (post?.body as { metadata: { annotations: Record<string, string> } }).metadata.annotations[LAST_APPLIED_ANNOTATION];
    expect(annotation).toBe(
      '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"labels":{"app":"web"},"name":"demo","namespace":"default"},"spec":{"containers":[{"image":"nginx:1","name":"c"}]}}\n',
    );
  });

  it('reports an unchanged object without writing', async () => {
    const live = stored(withLastApplied(withNamespace), { resourceVersion: '7' });
    const api = new FakeApi(() => live);
    const result = await runVerb(registerApply, ['apply', '-f', file], api);
    expect(result).toEqual({ code: 0, stdout: 'pod/demo unchanged\n', stderr: '' });
    expect(writes(api)).toEqual([]);
  });

  it('patches a changed object with a strategic merge patch', async () => {
    const previous = { ...withNamespace, spec: { containers: [{ name: 'c', image: 'nginx:0' }] } };
    const live = stored(withLastApplied(previous));
    const api = new FakeApi((r) => (r.method === 'GET' ? live : stored(withNamespace)));
    const result = await runVerb(registerApply, ['apply', '-f', file], api);
    expect(result).toEqual({ code: 0, stdout: 'pod/demo configured\n', stderr: '' });
    const [patch] = writes(api);
    expect(patch).toMatchObject({ method: 'PATCH', path: POD_PATH, contentType: 'application/strategic-merge-patch+json' });
    expect(patch?.body).toMatchObject({ spec: { containers: [{ image: 'nginx:1', name: 'c' }] } });
  });

  it('warns when the live object was not created by apply, then patches the annotation in', async () => {
    const api = new FakeApi((r) => (r.method === 'GET' ? stored(withNamespace) : stored(withNamespace)));
    const result = await runVerb(registerApply, ['apply', '-f', file], api);
    expect(result.stderr).toBe(
      `Warning: resource pods/demo is missing the ${LAST_APPLIED_ANNOTATION} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
    );
    expect(result.stdout).toBe('pod/demo configured\n');
    expect(writes(api)[0]?.body).toHaveProperty(['metadata', 'annotations', LAST_APPLIED_ANNOTATION]);
  });

  it('names the file when the create fails', async () => {
    const failing = new FakeApi((r) => (r.method === 'GET' ? notFound('pods', 'demo') : new ApiError(403, 'Forbidden', 'pods is forbidden')));
    const result = await runVerb(registerApply, ['apply', '-f', file], failing);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`Error from server (Forbidden): error when creating "${file}": pods is forbidden\n`);
  });
});

describe('kctl apply --server-side', () => {
  it('sends one apply patch with the manifest as JSON and the field manager', async () => {
    const api = new FakeApi(() => stored(withNamespace));
    const result = await runVerb(registerApply, ['apply', '--server-side', '--force-conflicts', '--field-manager', 'me', '-f', file], api);
    expect(result).toEqual({ code: 0, stdout: 'pod/demo serverside-applied\n', stderr: '' });
    expect(api.requests).toEqual([
      {
        method: 'PATCH',
        path: POD_PATH,
        body: withNamespace,
        contentType: 'application/apply-patch+yaml',
        query: { fieldManager: 'me', fieldValidation: 'Strict', force: 'true' },
      },
    ]);
  });

  it('refuses --force-conflicts without --server-side', async () => {
    const result = await runVerb(registerApply, ['apply', '--force-conflicts', '-f', file], new FakeApi(() => undefined));
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'error: --force-conflicts only works with --server-side\n' });
  });
});
