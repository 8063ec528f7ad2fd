// The Deployment controller against a real API server (memory store). No ReplicaSet controller
// runs: a stand-in reports each ReplicaSet's pods as ready and available a little later, which is
// all the Deployment controller reads.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from '@kctl/shared';
import type { Deployment, KubernetesList, ReplicaSet } from '@kctl/shared';
import { DeploymentController } from './deployment-controller.js';
import { startTestApiServer, testControllerOptions, eventually as eventuallyReads } from '../test-support/api-server.test-support.js';
import type { TestApiServer } from '../test-support/api-server.test-support.js';

let server: TestApiServer;
let client: ApiClient;
let controller: DeploymentController;
let fakeReplicaSets: NodeJS.Timeout;
/** lowest total available count the stand-in ever reported, per Deployment rollout under watch */
let minAvailableSeen = Infinity;

const ns = 'default';
const rsBase = `/apis/apps/v1/namespaces/${ns}/replicasets`;
const dBase = `/apis/apps/v1/namespaces/${ns}/deployments`;

/** Each tick moves every ReplicaSet one step: pods appear (not ready), then become available. */
async function reportReplicaSets(): Promise<void> {
  const list = await client.get<KubernetesList<ReplicaSet>>(rsBase);
  let available = 0;
  for (const rs of list.items) {
    const want = rs.spec?.replicas ?? 0;
    const status: NonNullable<ReplicaSet['status']> = rs.status ?? { replicas: 0 };
    const have = status.replicas ?? 0;
    // Scaling down is immediate; new pods become available one tick after they appear.
    const next = want < have ? want : Math.min(want, have + 5);
    const nextAvailable = Math.min(next, want < have ? Math.min(status.availableReplicas ?? 0, want) : have);
    available += nextAvailable;
    if (next === have && nextAvailable === (status.availableReplicas ?? 0) && status.observedGeneration === rs.metadata?.generation) continue;
    await client
      .replace(`${rsBase}/${rs.metadata!.name}/status`, {
        ...rs,
        status: { replicas: next, readyReplicas: nextAvailable, availableReplicas: nextAvailable, fullyLabeledReplicas: next, observedGeneration: rs.metadata?.generation },
      })
      .catch(() => undefined);
  }
  if (list.items.length > 1) minAvailableSeen = Math.min(minAvailableSeen, available);
}

/** the fake ReplicaSet status writer's pass in progress, awaited before the server closes */
let reporting: Promise<void> | undefined;

beforeEach(async () => {
  server = await startTestApiServer({ namespace: ns });
  client = server.client;
  controller = new DeploymentController(testControllerOptions(client));
  await controller.start();
  minAvailableSeen = Infinity;
  fakeReplicaSets = setInterval(() => {
    if (reporting) return;
    reporting = reportReplicaSets()
      .catch(() => undefined) // the server may be closing under it
      .finally(() => (reporting = undefined));
  }, 30);
});

afterEach(async () => {
  clearInterval(fakeReplicaSets);
  await reporting;
  await controller.stop();
  await server.close();
});

/** Rollouts take longer than the shared default. */
const eventually = <T>(read: () => Promise<T>, check: (value: T) => void, timeoutMs = 8_000) => eventuallyReads(read, check, timeoutMs);

const deployment = (replicas: number, image: string, strategy: Record<string, unknown> = {}): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: ns },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image, command: ['sleep', '3600'] }] } },
    ...strategy,
  },
});

const readD = () => client.get<Deployment>(`${dBase}/web`);
const readRSs = async () => (await client.get<KubernetesList<ReplicaSet>>(rsBase)).items;
const rolledOut = (d: Deployment) => {
  expect(d.status?.observedGeneration).toBe(d.metadata?.generation);
  expect(d.status?.updatedReplicas).toBe(d.spec?.replicas);
  expect(d.status?.replicas).toBe(d.spec?.replicas);
  expect(d.status?.availableReplicas).toBe(d.spec?.replicas);
};
const withImage = (d: Deployment, image: string): Deployment => {
  const copy = structuredClone(d);
  copy.spec!.template.spec!.containers[0]!.image = image;
  return copy;
};

describe('DeploymentController', () => {
  it('creates a ReplicaSet named by the pod-template hash and reports the rollout complete', async () => {
    await client.create(dBase, deployment(3, 'busybox:1.36'));
    const d = await eventually(readD, rolledOut);
    const [rs] = await readRSs();
    const hash = rs!.metadata!.labels!['pod-template-hash']!;
    expect(rs!.metadata!.name).toBe(`web-${hash}`);
    expect(rs!.spec!.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs!.spec!.template!.metadata!.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs!.metadata!.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata!.uid, controller: true, blockOwnerDeletion: true }]);
    expect(rs!.metadata!.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    // The defaulted template is copied as is: only the hash label differs.
    const { ['pod-template-hash']: _h, ...labels } = rs!.spec!.template!.metadata!.labels!;
    expect({ ...rs!.spec!.template, metadata: { labels } }).toEqual(d.spec!.template);
    expect(d.metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('1');
    const conditions = Object.fromEntries((d.status!.conditions ?? []).map((c) => [c.type, `${c.status}/${c.reason}`]));
    expect(conditions).toEqual({ Available: 'True/MinimumReplicasAvailable', Progressing: 'True/NewReplicaSetAvailable' });
    const events = await eventually(
      () => client.get<KubernetesList<{ reason: string; message: string }>>(`/api/v1/namespaces/${ns}/events`),
      (list) => expect(list.items.map((e) => e.message)).toContain(`Scaled up replica set ${rs!.metadata!.name} from 0 to 3`),
    );
    expect(events.items.find((e) => e.reason === 'ScalingReplicaSet')).toBeTruthy();
  });

  it('rolls out a new template within maxSurge/maxUnavailable, then rolls back re-using the old ReplicaSet', async () => {
    const strategy = { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 2, maxUnavailable: 1 } } };
    await client.create(dBase, deployment(6, 'busybox:1.36', strategy));
    const first = await eventually(readD, rolledOut);
    minAvailableSeen = Infinity;
    await client.replace(`${dBase}/web`, withImage(first, 'busybox:1.37'));
    await eventually(readD, (d) => {
      rolledOut(d);
      expect(d.metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('2');
    });
    expect(minAvailableSeen).toBeGreaterThanOrEqual(5);
    const rss = await readRSs();
    expect(rss.map((rs) => rs.spec!.replicas).sort()).toEqual([0, 6]);

    const second = await readD();
    await client.replace(`${dBase}/web`, withImage(second, 'busybox:1.36'));
    await eventually(readD, (d) => {
      rolledOut(d);
      expect(d.metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('3');
    });
    const after = await readRSs();
    expect(after).toHaveLength(2);
    const reused = after.find((rs) => rs.spec!.replicas === 6)!;
    expect(reused.metadata!.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' });
  });

  it('scales by replicas, keeps history within revisionHistoryLimit, and recreates without overlap', async () => {
    const strategy = { strategy: { type: 'Recreate' }, revisionHistoryLimit: 1 };
    await client.create(dBase, deployment(2, 'busybox:1', strategy));
    let d = await eventually(readD, rolledOut);
    for (const image of ['busybox:2', 'busybox:3']) {
      minAvailableSeen = Infinity;
      await client.replace(`${dBase}/web`, withImage(d, image));
      d = await eventually(readD, (x) => {
        rolledOut(x);
        expect(x.spec!.template.spec!.containers[0]!.image).toBe(image);
      });
    }
    // Recreate: old pods all gone before new ones exist, so availability touched zero.
    expect(minAvailableSeen).toBe(0);
    await eventually(readRSs, (rss) => expect(rss).toHaveLength(2));
    await client.patch(`${dBase}/web`, { spec: { replicas: 5 } }, 'application/merge-patch+json');
    await eventually(readD, rolledOut);
  });

  it('does not roll out while spec.paused (Progressing DeploymentPaused) and rolls out on resume', async () => {
    await client.create(dBase, deployment(4, 'busybox:1.36'));
    const d = await eventually(readD, rolledOut);
    const paused = withImage(d, 'busybox:1.37');
    paused.spec!.paused = true;
    await client.replace(`${dBase}/web`, paused);
    await eventually(readD, (x) => {
      expect(x.status?.observedGeneration).toBe(x.metadata?.generation);
      expect(x.status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused' });
    });
    expect(await readRSs()).toHaveLength(1);
    await client.patch(`${dBase}/web`, { spec: { paused: false } }, 'application/merge-patch+json');
    await eventually(readD, (x) => {
      rolledOut(x);
      expect(x.metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('2');
    });
  });
});
