// The node lifecycle controller against a real API server (memory store, loopback, port 0): a
// node whose kubelet goes silent turns Unknown and gets the unreachable taints, its pods are
// marked not Ready and evicted by their tolerations, and a returning kubelet clears the taints.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { pino } from 'pino';
import { ApiClient, ApiError, metaTime, renewLease } from '@kctl/shared';
import type { KubernetesList, KubernetesObject, Node, Pod } from '@kctl/shared';
import { NodeLifecycleController } from './node-lifecycle-controller.js';
import { UNREACHABLE_TAINT_KEY } from './node-taints.js';
import { startTestApiServer, eventually } from '../test-support/api-server.test-support.js';
import type { TestApiServer } from '../test-support/api-server.test-support.js';

const GRACE_MS = 400;
let server: TestApiServer;
let client: ApiClient;
let controller: NodeLifecycleController;
const node = `node-${Math.random().toString(36).slice(2, 8)}`;

beforeEach(async () => {
  server = await startTestApiServer();
  client = server.client;
  controller = new NodeLifecycleController({ client, logger: pino({ level: process.env.LOG ?? 'silent' }), gracePeriodMs: GRACE_MS, reconnectBackoff: { initialMs: 50, maxMs: 200 } });
});

afterEach(async () => {
  await controller.stop();
  await server.close();
});

/** What a kubelet's heartbeat writes: Ready=True status and a renewed lease. */
async function heartbeat(): Promise<void> {
  const now = metaTime(Date.now());
  await client.patch(`/api/v1/nodes/${node}/status`, { status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: now, lastTransitionTime: now }] } }, 'application/merge-patch+json');
  await renewLease(client, { namespace: 'kube-node-lease', name: node, holderIdentity: node, leaseDurationSeconds: 40, now: Date.now() });
}

async function runningPod(name: string, tolerations?: NonNullable<Pod['spec']>['tolerations']): Promise<void> {
  const pod = await client.create<Pod>('/api/v1/namespaces/default/pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { nodeName: node, containers: [{ name: 'c', image: 'busybox' }], ...(tolerations ? { tolerations } : {}) },
  });
  const now = metaTime(Date.now());
  await client.replace(`/api/v1/namespaces/default/pods/${name}/status`, { ...pod, status: { ...pod.status, phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }] } });
}

const getNode = () => client.get<Node>(`/api/v1/nodes/${node}`);
const getPod = (name: string) => client.get<Pod>(`/api/v1/namespaces/default/pods/${name}`).catch((err: unknown) => {
  if (err instanceof ApiError && err.code === 404) return undefined;
  throw err;
});
const readyOf = (obj: { status?: { conditions?: Array<{ type: string; status: string }> } } | undefined) => obj?.status?.conditions?.find((c) => c.type === 'Ready')?.status;
const taintsOf = (n: Node) => (n.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`);

it('marks a silent node Unknown, taints it, evicts its pods by their tolerations, and untaints it when the kubelet returns', async () => {
  await client.create('/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: node } });
  await heartbeat();
  // Every pod gets default 300 s tolerations at admission; 0 s means "evict at once".
  await runningPod('intolerant', [{ key: UNREACHABLE_TAINT_KEY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 0 }]);
  await runningPod('brief', [{ key: UNREACHABLE_TAINT_KEY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 3 }]);
  await runningPod('forever', [{ operator: 'Exists' }]);
  // Default admission gives this one 300 s: it must stay for the whole test.
  await runningPod('defaulted');
  await controller.start();
  // Bound after the controller started: its (field-selected) pod watch must still see it.
  await client.create('/api/v1/namespaces/default/pods', {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'late' },
    spec: { containers: [{ name: 'c', image: 'busybox' }], tolerations: [{ key: UNREACHABLE_TAINT_KEY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 0 }] },
  });
  await client.create('/api/v1/namespaces/default/pods/late/binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'late' }, target: { apiVersion: 'v1', kind: 'Node', name: node } });

  const stale = await eventually(getNode, (n) => {
    expect(readyOf(n)).toBe('Unknown');
    expect(taintsOf(n)).toEqual([`${UNREACHABLE_TAINT_KEY}:NoSchedule`, `${UNREACHABLE_TAINT_KEY}:NoExecute`]);
  });
  const ready = stale.status?.conditions?.find((c) => c.type === 'Ready');
  expect(ready).toMatchObject({ reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });

  // The pod tolerating 0 s goes at once (Terminating: its kubelet must finish the deletion).
  await eventually(() => getPod('intolerant'), (p) => expect(p?.metadata?.deletionTimestamp).toBeDefined());
  await eventually(() => getPod('late'), (p) => expect(p?.metadata?.deletionTimestamp).toBeDefined());
  const intolerant = await getPod('intolerant');
  expect(intolerant?.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager' });
  await eventually(() => getPod('forever'), (p) => expect(readyOf(p)).toBe('False'));
  // Tolerating 3 s, it goes 3 s after the taint was added, not before (compared on the API's own
  // second-resolution timestamps, so a slow test machine cannot make it look early or late).
  const brief = await eventually(() => getPod('brief'), (p) => expect(p?.metadata?.deletionTimestamp).toBeDefined(), 8_000);
  const taintAdded = Date.parse(stale.spec?.taints?.find((t) => t.effect === 'NoExecute')?.timeAdded ?? '');
  const evicted = Date.parse(brief?.status?.conditions?.find((c) => c.type === 'DisruptionTarget')?.lastTransitionTime ?? '');
  expect(evicted - taintAdded).toBeGreaterThanOrEqual(2_000);

  const events = await client.get<KubernetesList<KubernetesObject & { reason?: string; message?: string }>>('/api/v1/namespaces/default/events');
  const messages = events.items.map((e) => `${e.reason}: ${e.message}`);
  expect(messages).toContain(`NodeNotReady: Node ${node} status is now: NodeNotReady`);
  expect(messages).toContain('TaintManagerEviction: Marking for deletion Pod default/intolerant');
  expect(messages).toContain('NodeNotReady: Node is not ready');

  await heartbeat();
  const back = await eventually(getNode, (n) => expect(taintsOf(n)).toEqual([]));
  expect(readyOf(back)).toBe('True');
  for (const name of ['forever', 'defaulted']) expect((await getPod(name))?.metadata?.deletionTimestamp).toBeUndefined();
}, 15_000);

it('leaves a node alone while its kubelet keeps renewing the lease', async () => {
  await client.create('/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: node } });
  await heartbeat();
  await controller.start();
  const beats = setInterval(() => void renewLease(client, { namespace: 'kube-node-lease', name: node, holderIdentity: node, leaseDurationSeconds: 40, now: Date.now() }).catch(() => {}), GRACE_MS / 4);
  try {
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS * 3));
    const n = await getNode();
    expect(readyOf(n)).toBe('True');
    expect(taintsOf(n)).toEqual([]);
  } finally {
    clearInterval(beats);
  }
});
