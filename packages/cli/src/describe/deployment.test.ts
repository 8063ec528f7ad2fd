import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '@kctl/shared';
import type { ResourceType } from '@kctl/shared';
import { FakeDescribeClient, list } from './fake-client.test-support.js';
import { describeObject } from './index.js';

process.env.TZ = 'UTC';

const deploymentType = defaultCatalog.resolve('deployments') as ResourceType;
const NOW = new Date('2024-05-01T10:05:00Z');

const template = (image: string, hash?: string) => ({
  metadata: { labels: { app: 'web', ...(hash ? { 'pod-template-hash': hash } : {}) } },
  spec: { containers: [{ name: 'web', image, ports: [{ containerPort: 80, protocol: 'TCP' }] }] },
});

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'default',
    uid: 'uid-deploy',
    creationTimestamp: '2024-05-01T09:00:00Z',
    labels: { app: 'web' },
    annotations: { 'deployment.kubernetes.io/revision': '2' },
  },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
    template: template('nginx:1.25'),
  },
  status: {
    replicas: 2,
    updatedReplicas: 2,
    availableReplicas: 2,
    conditions: [
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
    ],
  },
};

const replicaSet = (name: string, created: string, image: string, hash: string, replicas: number, ownerUid = 'uid-deploy') => ({
  metadata: { name, namespace: 'default', creationTimestamp: created, ownerReferences: [{ kind: 'Deployment', name: 'web', uid: ownerUid, controller: true }] },
  spec: { replicas, selector: { matchLabels: { app: 'web', 'pod-template-hash': hash } }, template: template(image, hash) },
  status: { replicas },
});

const responses = {
  '/apis/apps/v1/namespaces/default/replicasets': list([
    replicaSet('web-new', '2024-05-01T09:30:00Z', 'nginx:1.25', 'bbb', 2),
    replicaSet('web-old', '2024-05-01T09:00:00Z', 'nginx:1.24', 'aaa', 0),
    replicaSet('other', '2024-05-01T08:00:00Z', 'nginx:1.25', 'ccc', 1, 'uid-someone-else'),
  ]),
  '/api/v1/namespaces/default/events': list([
    { type: 'Normal', reason: 'ScalingReplicaSet', message: 'Scaled up replica set web-new to 2', source: { component: 'deployment-controller' }, firstTimestamp: '2024-05-01T09:30:00Z', lastTimestamp: '2024-05-01T09:30:00Z', count: 1 },
  ]),
};

const expected = [
  'Name:                   web',
  'Namespace:              default',
  'CreationTimestamp:      Wed, 01 May 2024 09:00:00 +0000',
  'Labels:                 app=web',
  'Annotations:            deployment.kubernetes.io/revision: 2',
  'Selector:               app=web',
  'Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable',
  'StrategyType:           RollingUpdate',
  'MinReadySeconds:        0',
  'RollingUpdateStrategy:  25% max unavailable, 25% max surge',
  'Pod Template:',
  '  Labels:  app=web',
  '  Containers:',
  '   web:',
  '    Image:         nginx:1.25',
  '    Port:          80/TCP',
  '    Host Port:     0/TCP',
  '    Environment:   <none>',
  '    Mounts:        <none>',
  '  Volumes:         <none>',
  '  Node-Selectors:  <none>',
  '  Tolerations:     <none>',
  'Conditions:',
  '  Type           Status  Reason',
  '  ----           ------  ------',
  '  Available      True    MinimumReplicasAvailable',
  '  Progressing    True    NewReplicaSetAvailable',
  'OldReplicaSets:  web-old (0/0 replicas created)',
  'NewReplicaSet:   web-new (2/2 replicas created)',
  'Events:',
  '  Type    Reason             Age   From                   Message',
  '  ----    ------             ----  ----                   -------',
  '  Normal  ScalingReplicaSet  35m   deployment-controller  Scaled up replica set web-new to 2',
  '',
].join('\n');

describe('describeObject: deployment', () => {
  it('prints what kubectl describe deployment prints, old and new ReplicaSets included', async () => {
    const text = await describeObject(new FakeDescribeClient(responses), deploymentType, deployment, { showEvents: true, now: NOW });
    expect(text).toBe(expected);
  });

  it('lists ReplicaSets by the deployment selector and events by kind, name, namespace and uid', async () => {
    const client = new FakeDescribeClient(responses);
    await describeObject(client, deploymentType, deployment, { showEvents: true, now: NOW });
    expect(client.requests).toEqual([
      {
        path: '/api/v1/namespaces/default/events',
        query: { fieldSelector: 'involvedObject.kind=Deployment,involvedObject.name=web,involvedObject.namespace=default,involvedObject.uid=uid-deploy', limit: 500 },
      },
      { path: '/apis/apps/v1/namespaces/default/replicasets', query: { labelSelector: 'app=web', limit: 500 } },
    ]);
  });

  it('leaves out the ReplicaSet lines when the deployment owns none', async () => {
    const text = await describeObject(new FakeDescribeClient({}), deploymentType, deployment, { showEvents: false, now: NOW });
    expect(text).not.toContain('OldReplicaSets');
    expect(text).not.toContain('NewReplicaSet:');
    // Without the two longer labels the conditions' first column narrows to fit "  Progressing ".
    expect(text.endsWith('Conditions:\n  Type          Status  Reason\n  ----          ------  ------\n  Available     True    MinimumReplicasAvailable\n  Progressing   True    NewReplicaSetAvailable\n')).toBe(true);
  });
});
