import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '@kctl/shared';
import type { ResourceType } from '@kctl/shared';
import { FakeDescribeClient, list } from './fake-client.test-support.js';
import { describeObject } from './index.js';

const leaseType = defaultCatalog.resolve('leases') as ResourceType;
const NOW = new Date('2024-05-01T10:05:00Z');

describe('describeObject: kinds without a describer (genericDescriber)', () => {
  it('prints every field recursively, sorted, minus what the header already showed', async () => {
    const lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: 'node-1',
        namespace: 'kube-node-lease',
        uid: 'uid-lease',
        resourceVersion: '42',
        managedFields: [{ manager: 'kubelet' }],
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: 'uid-node-1' }],
      },
      spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40, preferHolder: false },
    };
    const client = new FakeDescribeClient({ '/api/v1/namespaces/kube-node-lease/events': list([]) });
    const text = await describeObject(client, leaseType, lease, { showEvents: true, now: NOW });
    expect(text).toBe(
      [
        'Name:         node-1',
        'Namespace:    kube-node-lease',
        'Labels:       <none>',
        'Annotations:  <none>',
        'API Version:  coordination.k8s.io/v1',
        'Kind:         Lease',
        'Metadata:',
        '  Owner References:',
        '    API Version:     v1',
        '    Kind:            Node',
        '    Name:            node-1',
        '    UID:             uid-node-1',
        '  Resource Version:  42',
        '  UID:               uid-lease',
        'Spec:',
        '  Holder Identity:         node-1',
        '  Lease Duration Seconds:  40',
        '  Prefer Holder:           false',
        'Events:                    <none>',
        '',
      ].join('\n'),
    );
    expect(client.requests[0]?.query.fieldSelector).toBe(
      'involvedObject.kind=Lease,involvedObject.name=node-1,involvedObject.namespace=kube-node-lease,involvedObject.uid=uid-lease',
    );
  });
});
