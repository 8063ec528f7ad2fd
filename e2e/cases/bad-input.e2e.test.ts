// Bad input gets a clear error and changes nothing: Status replies with the right reason from
// the server, kubectl-style messages from the CLI, and a server that stays healthy under fuzz.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient, connectionFromKubeconfig, loadKubeconfig } from '@kctl/shared';
import type { KubernetesList, KubernetesObject } from '@kctl/shared';
import { startApiServer } from '../harness/api-server-process.js';
import type { ApiServerProcess } from '../harness/api-server-process.js';
import { hasKubectl, kctl, kubectl } from '../harness/run-cli.js';

let api: ApiServerProcess;
let client: ApiClient;
let dir: string;

beforeAll(async () => {
  api = await startApiServer();
  client = new ApiClient(connectionFromKubeconfig(loadKubeconfig(api.kubeconfig)));
  dir = await mkdtemp(join(tmpdir(), 'kctl-bad-'));
});

afterAll(async () => {
  client?.close();
  await api?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function send(method: string, path: string, body: string | Buffer, contentType = 'application/json') {
  const res = await client.raw(method, path, { body, contentType });
  return { status: res.status, body: JSON.parse(res.body.toString('utf8') || '{}') as Record<string, unknown> };
}

async function podCount(): Promise<number> {
  return (await client.get<KubernetesList>('/api/v1/namespaces/default/pods')).items.length;
}

describe('bad input', () => {
  it('answers malformed YAML in a file with the file and line', async () => {
    const file = join(dir, 'broken.yaml');
    await writeFile(file, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   bad: indent\n');
    const r = await kctl(api.kubeconfig, ['apply', '-f', file]);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toContain('broken.yaml');
    expect(r.stderr).toMatch(/line \d+/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(await podCount()).toBe(0);
  });

  it('reports an unknown kind like kubectl', async () => {
    const file = join(dir, 'unknown.yaml');
    await writeFile(file, 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n');
    const ours = await kctl(api.kubeconfig, ['apply', '-f', file]);
    expect(ours.exitCode).toBe(1);
    expect(ours.stderr).toContain('no matches for kind "Widget" in version "example.com/v1"');
    if (hasKubectl) {
      const theirs = await kubectl(api.kubeconfig, ['apply', '-f', file]);
      expect(theirs.stderr).toContain('no matches for kind "Widget" in version "example.com/v1"');
    }
  });

  it('rejects invalid objects with 422 naming the field', async () => {
    const r = await send('POST', '/api/v1/namespaces/default/pods', JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nope' }, spec: { containers: [{ name: 'c' }] } }));
    expect(r.status).toBe(422);
    expect(r.body.reason).toBe('Invalid');
    expect(String(r.body.message)).toContain('spec.containers[0].image: Required value');
    const causes = (r.body.details as { causes: Array<{ field: string }> }).causes;
    expect(causes.map((c) => c.field)).toContain('spec.containers[0].image');
    expect(await podCount()).toBe(0);
  });

  it('rejects bodies over 3 MiB with 413', async () => {
    const big = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { x: 'y'.repeat(3 * 1024 * 1024 + 10) } });
    const r = await send('POST', '/api/v1/namespaces/default/configmaps', big);
    expect(r.status).toBe(413);
    expect(r.body.kind).toBe('Status');
    await expect(client.get('/api/v1/namespaces/default/configmaps/big')).rejects.toMatchObject({ code: 404 });
  });

  it('rejects a wrong content type with 415', async () => {
    const r = await send('POST', '/api/v1/namespaces/default/configmaps', 'name=x', 'application/x-www-form-urlencoded');
    expect(r.status).toBe(415);
    expect(r.body.reason).toBe('UnsupportedMediaType');
    const p = await send('PATCH', '/api/v1/namespaces/default/configmaps/x', '{}', 'text/plain');
    expect(p.status).toBe(415);
  });

  it('rejects a stale resourceVersion with 409 and keeps the newer write', async () => {
    const created = await client.create<KubernetesObject>('/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'rv' }, data: { v: '1' } });
    const updated = await client.replace<KubernetesObject>('/api/v1/namespaces/default/configmaps/rv', { ...created, data: { v: '2' } });
    const stale = await send('PUT', '/api/v1/namespaces/default/configmaps/rv', JSON.stringify({ ...created, data: { v: '3' } }));
    expect(stale.status).toBe(409);
    expect(stale.body.reason).toBe('Conflict');
    const now = await client.get<KubernetesObject>('/api/v1/namespaces/default/configmaps/rv');
    expect(now.data).toEqual({ v: '2' });
    expect(now.metadata?.resourceVersion).toBe(updated.metadata?.resourceVersion);
  });

  it('survives 1,000 random malformed bodies and paths with only 4xx Status replies', async () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const junk = () => {
      const alphabet = '{}[]":,ab01 \n\\/-_.$%\u00e9\u0000';
      return Array.from({ length: rand(200) }, () => alphabet[rand(alphabet.length)]).join('');
    };
    const paths = [
      '/api/v1/namespaces/default/pods',
      '/api/v1/namespaces/default/configmaps',
      '/apis/apps/v1/namespaces/default/deployments',
      '/api/v1/nodes',
      '/api/v1/namespaces/default/pods/x',
      '/apis/batch/v1/namespaces/nope/jobs',
    ];
    const shapes = [
      () => junk(),
      () => JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: junk() }, spec: junk() }),
      () => JSON.stringify({ kind: rand(3) ? 'Deployment' : 7, metadata: [], spec: { replicas: 'x', template: null } }),
      () => JSON.stringify([1, 2, 3]),
      () => JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', labels: { 'bad key!': 'v' } }, spec: { selector: {}, template: {} } }),
    ];
    const methods = ['POST', 'PUT', 'PATCH', 'DELETE', 'GET'];
    const contentTypes = ['application/json', 'application/merge-patch+json', 'application/json-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml', 'application/yaml'];
    for (let i = 0; i < 1000; i++) {
      const method = methods[rand(methods.length)]!;
      const base = paths[rand(paths.length)]!;
      const path = rand(5) === 0 ? `${base}/${encodeURIComponent(junk().slice(0, 20))}` : base;
      const body = shapes[rand(shapes.length)]!();
      const res = await client.raw(method, path, { body, contentType: contentTypes[rand(contentTypes.length)]!, query: rand(4) === 0 ? { fieldSelector: junk().slice(0, 10), labelSelector: junk().slice(0, 10) } : {} });
      if (res.status >= 400) {
        expect(res.status, `${method} ${path} ${body.slice(0, 80)}`).toBeLessThan(500);
        expect(JSON.parse(res.body.toString('utf8')).kind).toBe('Status');
      }
    }
    const health = await client.raw('GET', '/readyz');
    expect(health.status).toBe(200);
    expect(api.child.exitCode).toBeNull();
  });
});
