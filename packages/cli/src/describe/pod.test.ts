import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '@kctl/shared';
import type { ResourceType } from '@kctl/shared';
import { FakeDescribeClient, list } from './fake-client.test-support.js';
import { describeObject } from './index.js';

// Absolute times print in the local zone, like metav1.Time; pin it so the text is fixed.
process.env.TZ = 'UTC';

const podType = defaultCatalog.resolve('pods') as ResourceType;
const NOW = new Date('2024-05-01T10:05:00Z');

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web-7d4b9c-x2x4z',
    namespace: 'default',
    uid: 'uid-pod-1',
    labels: { 'pod-template-hash': '7d4b9c', app: 'web' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c', uid: 'uid-rs-1', controller: true }],
  },
  spec: {
    priority: 0,
    serviceAccountName: 'default',
    nodeName: 'node-1',
    containers: [
      {
        name: 'app',
        image: 'nginx:1.25',
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        env: [
          { name: 'MODE', value: 'prod' },
          { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
          { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
        ],
        resources: { requests: { cpu: '0.1', memory: '128Mi' }, limits: { memory: '256Mi' } },
        readinessProbe: {
          httpGet: { path: '/healthz', port: 80, scheme: 'HTTP' },
          timeoutSeconds: 1,
          periodSeconds: 10,
          successThreshold: 1,
          failureThreshold: 3,
        },
        volumeMounts: [
          { name: 'cache', mountPath: '/var/cache' },
          { name: 'content', mountPath: '/usr/share/nginx/html', readOnly: true },
        ],
      },
      { name: 'sidecar', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'] },
    ],
    volumes: [
      { name: 'content', configMap: { name: 'web-content' } },
      { name: 'cache', emptyDir: {} },
    ],
    tolerations: [
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ],
  },
  status: {
    phase: 'Running',
    hostIP: '10.0.0.10',
    podIP: '10.244.0.5',
    podIPs: [{ ip: '10.244.0.5' }],
    startTime: '2024-05-01T10:00:00Z',
    conditions: [
      { type: 'Initialized', status: 'True' },
      { type: 'Ready', status: 'True' },
      { type: 'PodScheduled', status: 'True' },
    ],
    containerStatuses: [
      {
        name: 'app',
        containerID: 'containerd://abc',
        image: 'nginx:1.25',
        imageID: 'docker.io/library/nginx@sha256:111',
        ready: true,
        restartCount: 0,
        state: { running: { startedAt: '2024-05-01T10:00:02Z' } },
      },
      {
        name: 'sidecar',
        containerID: 'containerd://def',
        image: 'busybox:1.36',
        imageID: 'docker.io/library/busybox@sha256:222',
        ready: true,
        restartCount: 1,
        state: { running: { startedAt: '2024-05-01T10:03:00Z' } },
        lastState: { terminated: { reason: 'Error', exitCode: 137, startedAt: '2024-05-01T10:00:02Z', finishedAt: '2024-05-01T10:02:59Z' } },
      },
    ],
  },
};

const events = [
  { type: 'Normal', reason: 'Pulled', message: 'Container image "busybox:1.36" already present on machine', source: { component: 'kubelet' }, firstTimestamp: '2024-05-01T10:00:01Z', lastTimestamp: '2024-05-01T10:03:00Z', count: 3 },
  { type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned default/web-7d4b9c-x2x4z to node-1', reportingComponent: 'default-scheduler', eventTime: '2024-05-01T10:00:00.000000Z' },
  { type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container\n', source: { component: 'kubelet' }, firstTimestamp: '2024-05-01T10:02:55Z', lastTimestamp: '2024-05-01T10:02:55Z', count: 1 },
];

// Hand-derived from describe.go's format strings and Go's tabwriter (padding 2): every run of
// lines with a tab shares one column width, and a line without one starts a new run.
const expected = [
  'Name:             web-7d4b9c-x2x4z',
  'Namespace:        default',
  'Priority:         0',
  'Service Account:  default',
  'Node:             node-1/10.0.0.10',
  'Start Time:       Wed, 01 May 2024 10:00:00 +0000',
  'Labels:           app=web',
  '                  pod-template-hash=7d4b9c',
  'Annotations:      <none>',
  'Status:           Running',
  'IP:               10.244.0.5',
  'IPs:',
  '  IP:           10.244.0.5',
  'Controlled By:  ReplicaSet/web-7d4b9c',
  'Containers:',
  '  app:',
  '    Container ID:   containerd://abc',
  '    Image:          nginx:1.25',
  '    Image ID:       docker.io/library/nginx@sha256:111',
  '    Port:           80/TCP',
  '    Host Port:      0/TCP',
  '    State:          Running',
  '      Started:      Wed, 01 May 2024 10:00:02 +0000',
  '    Ready:          True',
  '    Restart Count:  0',
  '    Limits:',
  '      memory:  256Mi',
  '    Requests:',
  '      cpu:      100m',
  '      memory:   128Mi',
  '    Readiness:  http-get http://:80/healthz delay=0s timeout=1s period=10s #success=1 #failure=3',
  '    Environment:',
  '      MODE:      prod',
  '      POD_NAME:  web-7d4b9c-x2x4z (v1:metadata.name)',
  "      PASSWORD:  <set to the key 'password' in secret 'db'>  Optional: false",
  '    Mounts:',
  '      /usr/share/nginx/html from content (ro)',
  '      /var/cache from cache (rw)',
  '  sidecar:',
  '    Container ID:  containerd://def',
  '    Image:         busybox:1.36',
  '    Image ID:      docker.io/library/busybox@sha256:222',
  '    Port:          <none>',
  '    Host Port:     <none>',
  '    Command:',
  '      sh',
  '      -c',
  '      sleep 3600',
  '    State:          Running',
  '      Started:      Wed, 01 May 2024 10:03:00 +0000',
  '    Last State:     Terminated',
  '      Reason:       Error',
  '      Exit Code:    137',
  '      Started:      Wed, 01 May 2024 10:00:02 +0000',
  '      Finished:     Wed, 01 May 2024 10:02:59 +0000',
  '    Ready:          True',
  '    Restart Count:  1',
  '    Environment:    <none>',
  '    Mounts:         <none>',
  'Conditions:',
  '  Type           Status',
  '  Initialized    True ',
  '  Ready          True ',
  '  PodScheduled   True ',
  'Volumes:',
  '  content:',
  '    Type:      ConfigMap (a volume populated by a ConfigMap)',
  '    Name:      web-content',
  '    Optional:  false',
  '  cache:',
  "    Type:        EmptyDir (a temporary directory that shares a pod's lifetime)",
  '    Medium:      ',
  '    SizeLimit:   <unset>',
  'QoS Class:       Burstable',
  'Node-Selectors:  <none>',
  'Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
  '                 node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
  'Events:',
  '  Type     Reason     Age                 From               Message',
  '  ----     ------     ----                ----               -------',
  '  Normal   Scheduled  5m                  default-scheduler  Successfully assigned default/web-7d4b9c-x2x4z to node-1',
  '  Warning  BackOff    2m5s                kubelet            Back-off restarting failed container',
  '  Normal   Pulled     2m (x3 over 4m59s)  kubelet            Container image "busybox:1.36" already present on machine',
  '',
].join('\n');

describe('describeObject: pod', () => {
  it('prints what kubectl describe pod prints', async () => {
    const client = new FakeDescribeClient({ '/api/v1/namespaces/default/events': list(events) });
    const text = await describeObject(client, podType, pod, { showEvents: true, now: NOW });
    expect(text).toBe(expected);
  });

  it('searches events by name, namespace and uid only (no kind), 500 at a time', async () => {
    const client = new FakeDescribeClient({ '/api/v1/namespaces/default/events': list([]) });
    await describeObject(client, podType, pod, { showEvents: true, now: NOW });
    expect(client.requests).toEqual([
      {
        path: '/api/v1/namespaces/default/events',
        query: { fieldSelector: 'involvedObject.name=web-7d4b9c-x2x4z,involvedObject.namespace=default,involvedObject.uid=uid-pod-1', limit: 500 },
      },
    ]);
  });

  it('ends with "Events: <none>" aligned with the fields above when there are none', async () => {
    const client = new FakeDescribeClient({ '/api/v1/namespaces/default/events': list([]) });
    const text = await describeObject(client, podType, pod, { showEvents: true, now: NOW });
    expect(text.endsWith('                 node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\nEvents:          <none>\n')).toBe(true);
  });

  it('makes no request and prints no Events section with showEvents=false', async () => {
    const client = new FakeDescribeClient({});
    const text = await describeObject(client, podType, pod, { showEvents: false, now: NOW });
    expect(client.requests).toEqual([]);
    expect(text).not.toContain('Events:');
  });
});
