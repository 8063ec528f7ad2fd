import { describe, expect, it } from 'vitest';
import { ApiError, defaultCatalog } from '@kctl/shared';
import type { ResourceType } from '@kctl/shared';
import { FakeDescribeClient, list } from './fake-client.test-support.js';
import { describeObject } from './index.js';

const namespaceType = defaultCatalog.resolve('ns') as ResourceType;
const NOW = new Date('2024-05-01T10:05:00Z');

const namespace = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'demo', uid: 'uid-ns', labels: { 'kubernetes.io/metadata.name': 'demo' } },
  status: { phase: 'Active' },
};

describe('describeObject: namespace', () => {
  it('says there are no quotas and no limit ranges', async () => {
    const client = new FakeDescribeClient({
      '/api/v1/namespaces/demo/resourcequotas': list([]),
      '/api/v1/namespaces/demo/limitranges': list([]),
    });
    const text = await describeObject(client, namespaceType, namespace, { showEvents: true, now: NOW });
    expect(text).toBe(
      [
        'Name:         demo',
        'Labels:       kubernetes.io/metadata.name=demo',
        'Annotations:  <none>',
        'Status:       Active',
        '',
        'No resource quota.',
        '',
        'No LimitRange resource.',
        '',
      ].join('\n'),
    );
    // Namespaces have no events section: only the two lists are requested.
    expect(client.requests.map((r) => r.path)).toEqual(['/api/v1/namespaces/demo/resourcequotas', '/api/v1/namespaces/demo/limitranges']);
  });

  it('prints each quota and leaves out the limit ranges a server does not serve (404)', async () => {
    const client = new FakeDescribeClient({
      '/api/v1/namespaces/demo/resourcequotas': list([
        { metadata: { name: 'compute' }, status: { hard: { memory: '1Gi', cpu: '2' }, used: { cpu: '0.5' } } },
      ]),
    });
    const text = await describeObject(client, namespaceType, namespace, { showEvents: true, now: NOW });
    expect(text.split('Status:       Active\n')[1]).toBe(
      ['', 'Resource Quotas', '  Name:     compute', '  Resource  Used  Hard', '  --------  ---   ---', '  cpu       500m  2', '  memory    0     1Gi', ''].join('\n'),
    );
  });

  it('fails on errors other than 404, like kubectl', async () => {
    const client = new FakeDescribeClient({ '/api/v1/namespaces/demo/resourcequotas': new ApiError(403, 'Forbidden', 'forbidden') });
    await expect(describeObject(client, namespaceType, namespace, { showEvents: true, now: NOW })).rejects.toThrow('forbidden');
  });
});
