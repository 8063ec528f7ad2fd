import { describe, expect, it } from 'vitest';
import { apiResources } from './api-resources.js';
import { apiVersions } from './api-versions.js';
import type { DiscoveryClient } from './discovery/server-discovery.js';

const documents: Record<string, unknown> = {
  '/api': { versions: ['v1'] },
  '/apis': {
    groups: [
      { name: 'batch', versions: [{ groupVersion: 'batch/v1' }], preferredVersion: { groupVersion: 'batch/v1' } },
      { name: 'apps', versions: [{ groupVersion: 'apps/v1' }], preferredVersion: { groupVersion: 'apps/v1' } },
    ],
  },
  '/api/v1': {
    groupVersion: 'v1',
    resources: [
      { name: 'pods', namespaced: true, kind: 'Pod', verbs: ['get', 'list'], shortNames: ['po'], categories: ['all'] },
      { name: 'pods/log', namespaced: true, kind: 'Pod', verbs: ['get'] },
      { name: 'namespaces', namespaced: false, kind: 'Namespace', verbs: ['get'], shortNames: ['ns'] },
      { name: 'bindings', namespaced: true, kind: 'Binding', verbs: ['create'] },
    ],
  },
  '/apis/apps/v1': { groupVersion: 'apps/v1', resources: [{ name: 'deployments', namespaced: true, kind: 'Deployment', verbs: ['get'], shortNames: ['deploy'] }] },
  '/apis/batch/v1': { groupVersion: 'batch/v1', resources: [{ name: 'jobs', namespaced: true, kind: 'Job', verbs: ['get'] }] },
};
const client: DiscoveryClient = { get: <T>(path: string) => Promise.resolve(documents[path] as T) };

describe('kctl api-resources', () => {
  it('sorts by API group then name, skips subresources, and uses kubectl spacing', async () => {
    expect(await apiResources(client, { headers: true })).toBe(
      [
        'NAME          SHORTNAMES   APIVERSION   NAMESPACED   KIND',
        'bindings                   v1           true         Binding',
        'namespaces    ns           v1           false        Namespace',
        'pods          po           v1           true         Pod',
        'deployments   deploy       apps/v1      true         Deployment',
        'jobs                       batch/v1     true         Job',
        '',
      ].join('\n'),
    );
  });

  it('filters, sorts by kind and prints names with their group', async () => {
    expect(await apiResources(client, { headers: true, output: 'name', namespaced: 'true', sortBy: 'kind' })).toBe(
      'bindings\ndeployments.apps\njobs.batch\npods\n',
    );
    expect(await apiResources(client, { headers: false, apiGroup: 'apps' })).toBe('deployments   deploy   apps/v1   true   Deployment\n');
  });

  it('adds VERBS and CATEGORIES with -o wide', async () => {
    const [header, , , pods] = (await apiResources(client, { headers: true, output: 'wide' })).split('\n');
    expect(header).toMatch(/KIND\s+VERBS\s+CATEGORIES$/);
    expect(pods).toMatch(/Pod\s+get,list\s+all$/);
  });

  it('rejects unknown output and sort keys', async () => {
    await expect(apiResources(client, { headers: true, output: 'json' })).rejects.toThrow('--output json is not available');
    await expect(apiResources(client, { headers: true, sortBy: 'x' })).rejects.toThrow('--sort-by accepts only name or kind');
  });
});

describe('kctl api-versions', () => {
  it('prints every group/version sorted', async () => {
    expect(await apiVersions(client)).toBe('apps/v1\nbatch/v1\nv1\n');
  });
});
