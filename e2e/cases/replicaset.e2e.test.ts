// ReplicaSets (issue 5), through the real kubectl on a one-node cluster: apply, scale, a deleted
// pod replaced, `kubectl get rs` columns, and the fault test: SIGKILL the controller manager in
// the middle of scaling from 0 to 100 and find exactly 100 pods owned by the ReplicaSet once the
// restarted manager has settled (no duplicates, no orphans).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import type { KubernetesList } from '@kctl/shared';
import { FAST_KUBELET_ARGS, startCluster } from '../harness/cluster.js';
import type { TestCluster } from '../harness/cluster.js';
import { hasKubectl, kubectl } from '../harness/run-cli.js';

let cluster: TestCluster | undefined;

const run = (args: string[], input?: string) => kubectl(cluster!.kubeconfig, args, input);

function replicaSet(name: string, replicas: number): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }] },
      },
    },
  });
}

async function podsOf(app: string): Promise<V1Pod[]> {
  const list = await cluster!.client.get<KubernetesList<V1Pod>>('/api/v1/namespaces/default/pods', { labelSelector: `app=${app}` });
  return list.items;
}

const live = (pods: V1Pod[]) => pods.filter((p) => !p.metadata?.deletionTimestamp);
const running = (pods: V1Pod[]) => live(pods).filter((p) => p.status?.phase === 'Running');

/** `kubectl get rs NAME` as a header → value map. */
async function rsColumns(name: string): Promise<Record<string, string>> {
  const got = await run(['get', 'rs', name]);
  expect(got.exitCode, got.stderr).toBe(0);
  const [header, row] = got.stdout.trim().split('\n');
  const keys = header!.trim().split(/\s+/);
  const values = row!.trim().split(/\s+/);
  return Object.fromEntries(keys.map((key, i) => [key, values[i]!]));
}

const WAIT = { timeout: 40_000, interval: 250 } as const;

describe.skipIf(!hasKubectl)('ReplicaSets', () => {
  beforeAll(async () => {
    cluster = await startCluster({ nodes: 1, kubeletArgs: [...FAST_KUBELET_ARGS, '--max-pods=150'] });
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 120_000);

  it('runs the replicas of an applied ReplicaSet, scales it, and replaces a deleted pod', async () => {
    const applied = await run(['apply', '-f', '-'], replicaSet('sleepers', 3));
    expect(applied.exitCode, applied.stderr).toBe(0);
    expect(applied.stdout.trim()).toBe('replicaset.apps/sleepers created');
    await vi.waitFor(async () => expect(running(await podsOf('sleepers'))).toHaveLength(3), WAIT);
    for (const pod of await podsOf('sleepers')) expect(pod.metadata?.name).toMatch(/^sleepers-[a-z0-9]{5}$/);
    await vi.waitFor(async () => expect(await rsColumns('sleepers')).toMatchObject({ NAME: 'sleepers', DESIRED: '3', CURRENT: '3', READY: '3' }), WAIT);

    const scaled = await run(['scale', 'rs', 'sleepers', '--replicas=5']);
    expect(scaled.exitCode, scaled.stderr).toBe(0);
    expect(scaled.stdout.trim()).toBe('replicaset.apps/sleepers scaled');
    await vi.waitFor(async () => expect(running(await podsOf('sleepers'))).toHaveLength(5), WAIT);
    await vi.waitFor(async () => expect(await rsColumns('sleepers')).toMatchObject({ DESIRED: '5', CURRENT: '5', READY: '5' }), WAIT);

    const before = live(await podsOf('sleepers')).map((p) => p.metadata!.name!);
    const victim = before[0]!;
    const started = Date.now();
    const deleted = await run(['delete', 'pod', victim, '--wait=false']);
    expect(deleted.exitCode, deleted.stderr).toBe(0);
    await vi.waitFor(async () => {
      const names = live(await podsOf('sleepers')).map((p) => p.metadata!.name!);
      expect(names).not.toContain(victim);
      expect(names).toHaveLength(5);
    }, WAIT);
    expect(Date.now() - started).toBeLessThan(5_000);
    await vi.waitFor(async () => expect(running(await podsOf('sleepers'))).toHaveLength(5), WAIT);

    const events = await run(['get', 'events', '--field-selector', 'involvedObject.name=sleepers', '-o', 'jsonpath={range .items[*]}{.reason}: {.message}{"\\n"}{end}']);
    expect(events.stdout).toMatch(/^SuccessfulCreate: Created pod: sleepers-[a-z0-9]{5}$/m);
  }, 90_000);

  it('ends with exactly 100 owned pods after the controller manager is SIGKILLed while scaling 0 → 100', async () => {
    const applied = await run(['apply', '-f', '-'], replicaSet('burst', 0));
    expect(applied.exitCode, applied.stderr).toBe(0);
    const rs = await cluster!.client.get<V1ReplicaSet>('/apis/apps/v1/namespaces/default/replicasets/burst');
    const managerBefore = cluster!.pidOf('controller-manager');

    // Kill once the 10th pod shows up: the controller is then in the middle of its slow-start
    // batches (1, 2, 4, 8, 16, ...), with creations in flight.
    const watching = new AbortController();
    const tenthPod = (async () => {
      let added = 0;
      for await (const event of cluster!.client.watch('/api/v1/namespaces/default/pods', { labelSelector: 'app=burst' }, { signal: watching.signal })) {
        if (event.type === 'ADDED' && ++added === 10) return;
      }
    })();
    const scaled = await run(['scale', 'rs', 'burst', '--replicas=100']);
    expect(scaled.exitCode, scaled.stderr).toBe(0);
    await tenthPod;
    process.kill(managerBefore, 'SIGKILL');
    watching.abort();
    const atKill = (await podsOf('burst')).length;
    expect(atKill).toBeLessThan(100);

    // The supervisor brings the manager back; it rebuilds its state from lists.
    await vi.waitFor(() => {
      const pid = cluster!.pidOf('controller-manager');
      expect(pid).not.toBe(managerBefore);
      process.kill(pid, 0);
    }, WAIT);
    await vi.waitFor(async () => {
      const status = (await cluster!.client.get<V1ReplicaSet>('/apis/apps/v1/namespaces/default/replicasets/burst')).status;
      expect(status?.replicas).toBe(100);
      expect(await podsOf('burst')).toHaveLength(100);
    }, WAIT);
    // Settled: nothing more appears.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const pods = await podsOf('burst');
    expect(pods, `${atKill} pods existed when the manager was killed`).toHaveLength(100);
    expect(new Set(pods.map((p) => p.metadata?.name)).size).toBe(100);
    for (const pod of pods) {
      expect(pod.metadata?.deletionTimestamp).toBeUndefined();
      const owners = pod.metadata?.ownerReferences ?? [];
      expect(owners).toHaveLength(1);
      expect(owners[0]).toMatchObject({ kind: 'ReplicaSet', name: 'burst', uid: rs.metadata?.uid, controller: true, blockOwnerDeletion: true });
    }
    // Scale back down and wait, so `cluster down` has few pods left to stop.
    expect((await run(['scale', 'rs', 'burst', '--replicas=0'])).exitCode).toBe(0);
    await vi.waitFor(async () => expect(await podsOf('burst')).toHaveLength(0), { timeout: 60_000, interval: 500 });
  }, 150_000);
});
