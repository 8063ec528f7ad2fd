import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '@kctl/shared';
import { patchObjects } from './patch.js';
import type { PatchClient } from './patch.js';

function fakeClient(before: object, after: object) {
  const sent: Array<{ path: string; body: unknown; contentType: string; query: unknown }> = [];
  const client: PatchClient = {
    get: <T>() => Promise.resolve(structuredClone(before) as T),
    patch: <T>(path: string, body: unknown, contentType: string, query?: unknown) => {
      sent.push({ path, body, contentType, query });
      return Promise.resolve(structuredClone(after) as T);
    },
  };
  return { client, sent };
}

const ctx = { catalog: defaultCatalog, namespace: 'ns1' };
const v1 = { metadata: { name: 'web', resourceVersion: '1' } };
const v2 = { metadata: { name: 'web', resourceVersion: '2', labels: { a: 'b' } } };

describe('kctl patch', () => {
  it('sends a strategic merge patch by default and reports the change', async () => {
    const { client, sent } = fakeClient(v1, v2);
    let out = '';
    await patchObjects(client, ctx, ['deploy', 'web'], { type: 'strategic', patch: '{"metadata":{"labels":{"a":"b"}}}' }, (t) => (out += t));
    expect(sent).toEqual([
      {
        path: '/apis/apps/v1/namespaces/ns1/deployments/web',
        body: { metadata: { labels: { a: 'b' } } },
        contentType: 'application/strategic-merge-patch+json',
        query: { fieldManager: 'kubectl-patch' },
      },
    ]);
    expect(out).toBe('deployment.apps/web patched\n');
  });

  it('says "(no change)" when the server returns the object unchanged', async () => {
    const { client, sent } = fakeClient(v1, v1);
    let out = '';
    await patchObjects(client, ctx, ['pod/web'], { type: 'json', patch: '[]', subresource: 'status' }, (t) => (out += t));
    expect(sent[0]?.path).toBe('/api/v1/namespaces/ns1/pods/web/status');
    expect(sent[0]?.contentType).toBe('application/json-patch+json');
    expect(out).toBe('pod/web patched (no change)\n');
  });

  it('rejects unknown patch types and a missing patch like kubectl', async () => {
    const { client } = fakeClient(v1, v1);
    await expect(patchObjects(client, ctx, ['pod/web'], { type: 'bogus', patch: '{}' })).rejects.toThrow(
      '--type must be one of [json merge strategic], not "bogus"',
    );
    await expect(patchObjects(client, ctx, ['pod/web'], { type: 'merge' })).rejects.toThrow(
      'must specify --patch or --patch-file containing the contents of the patch',
    );
  });
});
