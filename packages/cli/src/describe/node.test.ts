import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '@kctl/shared';
import type { Query, ResourceType } from '@kctl/shared';
import { FakeDescribeClient, list } from './fake-client.test-support.js';
import { describeObject } from './index.js';

process.env.TZ = 'UTC';

const nodeType = defaultCatalog.resolve('nodes') as ResourceType;
const NOW = new Date('2024-05-01T10:05:00Z');

const node = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name: 'node-1',
    uid: 'uid-node-1',
    creationTimestamp: '2024-05-01T09:00:00Z',
    labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/hostname': 'node-1' },
  },
  spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] },
  status: {
    capacity: { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '100Gi' },
    allocatable: { cpu: '4', memory: '7864320Ki', pods: '110', 'ephemeral-storage': '100Gi' },
    conditions: [
      {
        type: 'Ready',
        status: 'True',
        lastHeartbeatTime: '2024-05-01T10:04:30Z',
        lastTransitionTime: '2024-05-01T09:00:10Z',
        reason: 'KubeletReady',
        message: 'kubelet is posting ready status',
      },
    ],
    addresses: [
      { type: 'InternalIP', address: '10.0.0.10' },
      { type: 'Hostname', address: 'node-1' },
    ],
    nodeInfo: {
      machineID: 'm1',
      systemUUID: 's1',
      bootID: 'b1',
      kernelVersion: '6.1.0',
      osImage: 'Debian GNU/Linux 12',
      operatingSystem: 'linux',
      architecture: 'amd64',
      containerRuntimeVersion: 'kctl://0.1.0',
      kubeletVersion: 'v1.32.0',
      kubeProxyVersion: '',
    },
  },
};

function podOnNode(namespace: string, name: string, created: string, requests: Record<string, string>, limits: Record<string, string>): object {
  return {
    metadata: { namespace, name, creationTimestamp: created },
    spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'i', resources: { requests, limits } }] },
    status: { phase: 'Running' },
  };
}

const pods = [
  podOnNode('default', 'web-7d4b9c-x2x4z', '2024-05-01T10:00:00Z', { cpu: '0.1', memory: '128Mi' }, { memory: '256Mi' }),
  podOnNode('kube-system', 'coredns-abc', '2024-05-01T09:00:00Z', { cpu: '100m', memory: '70Mi' }, { memory: '170Mi' }),
];

/** Controllers record node events under the node's UID, the kubelet under its name. */
function nodeEvents(query: Query): unknown {
  const selector = String(query.fieldSelector);
  if (selector.endsWith('involvedObject.uid=uid-node-1')) {
    return list([{ type: 'Normal', reason: 'RegisteredNode', message: 'Node node-1 event: Registered Node node-1 in Controller', source: { component: 'node-controller' }, firstTimestamp: '2024-05-01T09:00:20Z', lastTimestamp: '2024-05-01T09:00:20Z', count: 1 }]);
  }
  return list([{ type: 'Normal', reason: 'Starting', message: 'Starting kubelet.', source: { component: 'kubelet' }, firstTimestamp: '2024-05-01T09:00:05Z', lastTimestamp: '2024-05-01T09:00:05Z', count: 1 }]);
}

const responses = {
  '/api/v1/pods': list(pods),
  '/api/v1/events': nodeEvents,
  '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-1': { spec: { holderIdentity: 'node-1', renewTime: '2024-05-01T10:04:50.000000Z' } },
};

// Hand-derived: note how "Non-terminated Pods:" and the pod table share the column-0 block of
// "System Info", which is what makes kubectl's Namespace column so wide.
const expected = [
  'Name:               node-1',
  'Roles:              control-plane',
  'Labels:             kubernetes.io/hostname=node-1',
  '                    node-role.kubernetes.io/control-plane=',
  'Annotations:        <none>',
  'CreationTimestamp:  Wed, 01 May 2024 09:00:00 +0000',
  'Taints:             <none>',
  'Unschedulable:      false',
  'Lease:',
  '  HolderIdentity:  node-1',
  '  AcquireTime:     <unset>',
  '  RenewTime:       Wed, 01 May 2024 10:04:50 +0000',
  'Conditions:',
  '  Type    Status  LastHeartbeatTime                 LastTransitionTime                Reason         Message',
  '  ----    ------  -----------------                 ------------------                ------         -------',
  '  Ready   True    Wed, 01 May 2024 10:04:30 +0000   Wed, 01 May 2024 09:00:10 +0000   KubeletReady   kubelet is posting ready status',
  'Addresses:',
  '  InternalIP:  10.0.0.10',
  '  Hostname:    node-1',
  'Capacity:',
  '  cpu:                4',
  '  ephemeral-storage:  100Gi',
  '  memory:             8Gi',
  '  pods:               110',
  'Allocatable:',
  '  cpu:                4',
  '  ephemeral-storage:  100Gi',
  '  memory:             7680Mi',
  '  pods:               110',
  'System Info:',
  '  Machine ID:                 m1',
  '  System UUID:                s1',
  '  Boot ID:                    b1',
  '  Kernel Version:             6.1.0',
  '  OS Image:                   Debian GNU/Linux 12',
  '  Operating System:           linux',
  '  Architecture:               amd64',
  '  Container Runtime Version:  kctl://0.1.0',
  '  Kubelet Version:            v1.32.0',
  '  Kube-Proxy Version:         ',
  'PodCIDR:                      10.244.0.0/24',
  'PodCIDRs:                     10.244.0.0/24',
  'Non-terminated Pods:          (2 in total)',
  '  Namespace                   Name                CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age',
  '  ---------                   ----                ------------  ----------  ---------------  -------------  ---',
  '  default                     web-7d4b9c-x2x4z    100m (2%)     0 (0%)      128Mi (1%)       256Mi (3%)     5m',
  '  kube-system                 coredns-abc         100m (2%)     0 (0%)      70Mi (0%)        170Mi (2%)     65m',
  'Allocated resources:',
  '  (Total limits may be over 100 percent, i.e., overcommitted.)',
  '  Resource           Requests    Limits',
  '  --------           --------    ------',
  '  cpu                200m (5%)   0 (0%)',
  '  memory             198Mi (2%)  426Mi (5%)',
  '  ephemeral-storage  0 (0%)      0 (0%)',
  'Events:',
  '  Type    Reason          Age   From             Message',
  '  ----    ------          ----  ----             -------',
  '  Normal  Starting        64m   kubelet          Starting kubelet.',
  '  Normal  RegisteredNode  64m   node-controller  Node node-1 event: Registered Node node-1 in Controller',
  '',
].join('\n');

describe('describeObject: node', () => {
  it('prints what kubectl describe node prints', async () => {
    const text = await describeObject(new FakeDescribeClient(responses), nodeType, node, { showEvents: true, now: NOW });
    expect(text).toBe(expected);
  });

  it('makes kubectl\'s follow-up requests: non-terminated pods, events by uid and by name, then the lease', async () => {
    const client = new FakeDescribeClient(responses);
    await describeObject(client, nodeType, node, { showEvents: true, now: NOW });
    expect(client.requests.map((r) => [r.path, r.query.fieldSelector])).toEqual([
      ['/api/v1/pods', 'spec.nodeName=node-1,status.phase!=Succeeded,status.phase!=Failed'],
      ['/api/v1/events', 'involvedObject.kind=Node,involvedObject.name=node-1,involvedObject.namespace=,involvedObject.uid=uid-node-1'],
      ['/api/v1/events', 'involvedObject.kind=Node,involvedObject.name=node-1,involvedObject.namespace=,involvedObject.uid=node-1'],
      ['/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-1', undefined],
    ]);
  });

  it('reports a missing lease in place of the Lease section, as kubectl does', async () => {
    const { ['/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-1']: _lease, ...withoutLease } = responses;
    const text = await describeObject(new FakeDescribeClient(withoutLease), nodeType, node, { showEvents: false, now: NOW });
    expect(text).toContain('Unschedulable:      false\nLease:              Failed to get lease: the server could not find the requested resource\nConditions:\n');
  });
});
