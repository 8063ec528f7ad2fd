// Deployments (issue 5, "What must be shown"), through the real kubectl on one node: apply a
// Deployment of 3 and `rollout status` returns once all are available; scale to 5; `set image`
// rolls out while a poller records how many pods are ready (never fewer than replicas -
// maxUnavailable); `rollout history` and `rollout undo` (kubectl patches the template back from the
// old ReplicaSet); a deleted pod is replaced within seconds; `describe` shows the rollout.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Deployment, KubernetesList, Pod, ReplicaSet } from '@kctl/shared';
import { FAST_KUBELET_ARGS, startCluster } from '../harness/cluster.js';
import type { TestCluster } from '../harness/cluster.js';
import { hasKubectl, kubectl } from '../harness/run-cli.js';

let cluster: TestCluster | undefined;
const run = (args: string[], input?: string) => kubectl(cluster!.kubeconfig, args, input);
const name = `web-${Math.random().toString(36).slice(2, 7)}`;

const manifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 3
  selector:
    matchLabels: { app: ${name} }
  strategy:
    type: RollingUpdate
    rollingUpdate: { maxSurge: 1, maxUnavailable: 1 }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
      terminationGracePeriodSeconds: 2
      containers:
      - name: main
        image: busybox:1.36
        command: ["sleep", "3600"]
        readinessProbe:
          exec: { command: ["true"] }
          periodSeconds: 1
`;

const readyPods = async (): Promise<Pod[]> => {
  const list = await cluster!.client.get<KubernetesList<Pod>>('/api/v1/namespaces/default/pods', { labelSelector: `app=${name}` });
  return list.items.filter((p) => !p.metadata?.deletionTimestamp && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
};
const readDeployment = () => cluster!.client.get<Deployment>(`/apis/apps/v1/namespaces/default/deployments/${name}`);
const replicaSets = async () =>
  (await cluster!.client.get<KubernetesList<ReplicaSet>>('/apis/apps/v1/namespaces/default/replicasets', { labelSelector: `app=${name}` })).items;

async function rolloutStatus(): Promise<string> {
  const status = await run(['rollout', 'status', `deployment/${name}`, '--timeout=60s']);
  expect(status.exitCode, status.stderr).toBe(0);
  expect(status.stdout).toContain(`deployment "${name}" successfully rolled out`);
  return status.stdout;
}

describe.skipIf(!hasKubectl)('Deployments', () => {
  beforeAll(async () => {
    cluster = await startCluster({ nodes: 1, kubeletArgs: FAST_KUBELET_ARGS });
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  it('applies a Deployment of 3 and rollout status returns once all are available', async () => {
    const applied = await run(['apply', '-f', '-'], manifest);
    expect(applied.exitCode, applied.stderr).toBe(0);
    await rolloutStatus();
    const d = await readDeployment();
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(await readyPods()).toHaveLength(3);
  }, 60_000);

  it('scales to 5', async () => {
    const scaled = await run(['scale', `deployment/${name}`, '--replicas=5']);
    expect(scaled.exitCode, scaled.stderr).toBe(0);
    await rolloutStatus();
    await vi.waitFor(async () => expect(await readyPods()).toHaveLength(5), { timeout: 20_000, interval: 200 });
  }, 30_000);

  it('rolls out a new image with never more than maxUnavailable pods missing', async () => {
    let minReady = Infinity;
    let maxPods = 0;
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const list = await cluster!.client.get<KubernetesList<Pod>>('/api/v1/namespaces/default/pods', { labelSelector: `app=${name}` });
        const live = list.items.filter((p) => !p.metadata?.deletionTimestamp);
        minReady = Math.min(minReady, live.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length);
        maxPods = Math.max(maxPods, live.length);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const set = await run(['set', 'image', `deployment/${name}`, 'main=busybox:1.37']);
    expect(set.exitCode, set.stderr).toBe(0);
    try {
      await rolloutStatus();
    } finally {
      polling = false;
      await poller;
    }
    expect(minReady).toBeGreaterThanOrEqual(4); // replicas 5 - maxUnavailable 1
    expect(maxPods).toBeLessThanOrEqual(6); // replicas 5 + maxSurge 1
    const rss = await replicaSets();
    expect(rss).toHaveLength(2);
    const current = rss.find((rs) => rs.spec?.replicas === 5)!;
    expect(current.spec?.template?.spec?.containers[0]?.image).toBe('busybox:1.37');
    expect(current.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    const pods = await readyPods();
    expect(pods.every((p) => p.metadata?.labels?.['pod-template-hash'] === current.metadata?.labels?.['pod-template-hash'])).toBe(true);
  }, 60_000);

  it('lists both revisions in rollout history', async () => {
    const history = await run(['rollout', 'history', `deployment/${name}`]);
    expect(history.exitCode, history.stderr).toBe(0);
    expect(history.stdout).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>\n/);
    const detail = await run(['rollout', 'history', `deployment/${name}`, '--revision=2']);
    expect(detail.exitCode, detail.stderr).toBe(0);
    expect(detail.stdout).toContain('busybox:1.37');
  });

  it('rolls back with rollout undo to the previous template, re-using its ReplicaSet as revision 3', async () => {
    const undo = await run(['rollout', 'undo', `deployment/${name}`]);
    expect(undo.exitCode, undo.stderr).toBe(0);
    expect(undo.stdout).toContain(`deployment.apps/${name} rolled back`);
    await rolloutStatus();
    const d = await readDeployment();
    expect(d.spec?.template.spec?.containers[0]?.image).toBe('busybox:1.36');
    expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    const rss = await replicaSets();
    expect(rss).toHaveLength(2);
    const current = rss.find((rs) => rs.spec?.replicas === 5)!;
    expect(current.metadata?.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' });
    const history = await run(['rollout', 'history', `deployment/${name}`]);
    expect(history.stdout).toMatch(/REVISION\s+CHANGE-CAUSE\n2\s+<none>\n3\s+<none>\n/);
  }, 60_000);

  it('replaces a deleted pod within seconds', async () => {
    const [victim] = await readyPods();
    const victimName = victim!.metadata!.name!;
    const started = Date.now();
    const deleted = await run(['delete', 'pod', victimName, '--wait=false']);
    expect(deleted.exitCode, deleted.stderr).toBe(0);
    await vi.waitFor(
      async () => {
        const pods = await readyPods();
        expect(pods.map((p) => p.metadata?.name)).not.toContain(victimName);
        expect(pods).toHaveLength(5);
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);

  it('describes the Deployment as kubectl does', async () => {
    const described = await run(['describe', 'deployment', name]);
    expect(described.exitCode, described.stderr).toBe(0);
    const out = described.stdout;
    expect(out).toMatch(/Replicas:\s+5 desired \| 5 updated \| 5 total \| 5 available \| 0 unavailable/);
    expect(out).toMatch(/StrategyType:\s+RollingUpdate/);
    expect(out).toMatch(/RollingUpdateStrategy:\s+1 max unavailable, 1 max surge/);
    expect(out).toMatch(/Available\s+True\s+MinimumReplicasAvailable/);
    expect(out).toMatch(/Progressing\s+True\s+NewReplicaSetAvailable/);
    expect(out).toMatch(new RegExp(`NewReplicaSet:\\s+${name}-\\w+ \\(5/5 replicas created\\)`));
    expect(out).toMatch(/ScalingReplicaSet\s+.*deployment-controller\s+Scaled up replica set/);
  });
});
