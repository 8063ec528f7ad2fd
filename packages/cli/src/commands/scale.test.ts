import { describe, expect, it } from 'vitest';
import type { Query } from '@kctl/shared';
import { ApiError } from '@kctl/shared';
import { registerScale } from './scale.js';
import { FakeApi, notFound, runVerb } from '../manifests/fake-api.test-support.js';
import type { Responder } from '../manifests/fake-api.test-support.js';

/** FakeApi plus PUT, which the scale subresource is written with. */
class ScaleApi extends FakeApi {
  constructor(respond: Responder) {
    super(respond);
    this.respondTo = respond;
  }
  private readonly respondTo: Responder;
  replace<T>(path: string, body: unknown, query?: Query): Promise<T> {
    const request = { method: 'PUT', path, body, ...(query ? { query } : {}) };
    this.requests.push(request);
    const result = this.respondTo(request);
    return result instanceof ApiError ? Promise.reject(result) : Promise.resolve(result as T);
  }
}

const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', resourceVersion: '7' } };
const scaleOf = (replicas: number) => ({ kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name: 'web', resourceVersion: '7' }, spec: { replicas } });

describe('kctl scale', () => {
  it('GETs the Scale and PUTs it back with the new count', async () => {
    const api = new ScaleApi((r) => (r.path.endsWith('/scale') ? scaleOf(r.method === 'PUT' ? 3 : 1) : deployment));
    const result = await runVerb(registerScale, ['scale', 'deploy/web', '--replicas=3'], api);
    expect(result).toEqual({ code: 0, stdout: 'deployment.apps/web scaled\n', stderr: '' });
    expect(api.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ['GET', '/apis/apps/v1/namespaces/default/deployments/web', undefined],
      ['GET', '/apis/apps/v1/namespaces/default/deployments/web/scale', undefined],
      ['PUT', '/apis/apps/v1/namespaces/default/deployments/web/scale', scaleOf(3)],
    ]);
  });

  it('checks --current-replicas and --resource-version against the Scale', async () => {
    const api = new ScaleApi((r) => (r.path.endsWith('/scale') ? scaleOf(1) : deployment));
    expect((await runVerb(registerScale, ['scale', 'deploy', 'web', '--replicas=3', '--current-replicas=2'], api)).stderr).toBe('error: Expected replicas to be 2, was 1\n');
    expect((await runVerb(registerScale, ['scale', 'deploy', 'web', '--replicas=3', '--resource-version=1'], api)).stderr).toBe('error: Expected resource version to be 1, was 7\n');
    expect(api.requests.some((r) => r.method === 'PUT')).toBe(false);
  });

  it("words a missing object and a missing count as kubectl does", async () => {
    const api = new ScaleApi(() => notFound('deployments.apps', 'nope'));
    expect((await runVerb(registerScale, ['scale', 'deploy/nope', '--replicas=1'], api)).stderr).toBe('error: no objects passed to scale deployments.apps "nope" not found\n');
    expect((await runVerb(registerScale, ['scale', 'deploy/nope'], api)).stderr).toBe('error: required flag(s) "replicas" not set\n');
  });

  it('sends dryRun=All for --dry-run=server and nothing for --dry-run=client', async () => {
    const api = new ScaleApi((r) => (r.path.endsWith('/scale') ? scaleOf(1) : deployment));
    expect((await runVerb(registerScale, ['scale', 'deploy/web', '--replicas=2', '--dry-run=server'], api)).stdout).toBe('deployment.apps/web scaled (server dry run)\n');
    expect(api.requests.at(-1)?.query).toEqual({ dryRun: 'All' });
    const count = api.requests.length;
    expect((await runVerb(registerScale, ['scale', 'deploy/web', '--replicas=2', '--dry-run=client'], api)).stdout).toBe('deployment.apps/web scaled (dry run)\n');
    expect(api.requests.slice(count).map((r) => r.method)).toEqual(['GET']);
  });
});
