// kctl's workload verbs against the real kubectl on one node (issue 5): create deployment, scale,
// set image, rollout status / history / undo / restart / pause / resume, get all and describe
// deployment print what kubectl prints, byte for byte where both look at the same state (ages
// excepted). kctl does the writes; kubectl, as the judge, reads the same objects.
// (kubectl's client dry run is the reference for the object `kctl create deployment` makes;
// kubectl's own protobuf create is covered by kubectl-create.e2e.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deployment } from '@kctl/shared';
import { FAST_KUBELET_ARGS, startCluster } from '../harness/cluster.js';
import type { TestCluster } from '../harness/cluster.js';
import { hasKubectl, kctl, kubectl } from '../harness/run-cli.js';
import type { CliResult } from '../harness/run-cli.js';

let cluster: TestCluster | undefined;
const name = `web-${Math.random().toString(36).slice(2, 7)}`;
const deploy = `deployment/${name}`;

const both = async (args: string[]): Promise<[CliResult, CliResult]> => [await kctl(cluster!.kubeconfig, args), await kubectl(cluster!.kubeconfig, args)];

/** The same output, as kubectl words it: kctl names itself where kubectl does. */
function expectSame([ours, theirs]: [CliResult, CliResult]): void {
  expect({ ...ours, stderr: ours.stderr.replaceAll('kctl', 'kubectl') }).toEqual(theirs);
}

/** Ages move between two runs: drop them ("5s", "2m3s", "<invalid>") and the padding around them. */
const withoutAges = (text: string) =>
  text
    .split('\n')
    .map((line) => line.replace(/\b\d+[smhd](\d+[smh])?\b|<invalid>/g, 'AGE').replace(/\s+/g, ' ').trim())
    .join('\n');

/**
 * describe's fields, and its event lines as a sorted list: events of the same second come in
 * sort.Sort's order, which describe/events.ts does not use yet (describe/go-sort.ts has it).
 */
function splitEvents(text: string): [string, string[]] {
  const at = text.indexOf('\nEvents:');
  return [text.slice(0, at), text.slice(at).split('\n').sort()];
}

async function rolledOut(): Promise<void> {
  const status = await kctl(cluster!.kubeconfig, ['rollout', 'status', deploy, '--timeout=60s']);
  expect(status.exitCode, status.stderr).toBe(0);
  expect(status.stdout.split('\n').at(-1)).toBe(`deployment "${name}" successfully rolled out`);
}

describe.skipIf(!hasKubectl)('workload verbs: kctl against kubectl', () => {
  beforeAll(async () => {
    cluster = await startCluster({ nodes: 1, kubeletArgs: FAST_KUBELET_ARGS });
  }, 90_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 90_000);

  it("create deployment builds kubectl's object and creates it", async () => {
    const args = ['create', 'deployment', name, '--image=busybox:1.36', '--replicas=2', '--port=8080', '--dry-run=client'];
    expectSame(await both([...args, '-o', 'json', '--', 'sleep', '3600']));
    expectSame(await both([...args, '-o', 'yaml', '--', 'sleep', '3600']));
    const created = await kctl(cluster!.kubeconfig, ['create', 'deployment', name, '--image=busybox:1.36', '--replicas=2', '--', 'sleep', '3600']);
    expect(created).toEqual({ exitCode: 0, stdout: `deployment.apps/${name} created`, stderr: '' });
  });

  it('rollout status follows the rollout to the end and then agrees with kubectl', async () => {
    await rolledOut();
    expectSame(await both(['rollout', 'status', deploy]));
    expectSame(await both(['rollout', 'status', deploy, '--watch=false']));
  });

  it('scale goes through the scale subresource with preconditions', async () => {
    expect(await kctl(cluster!.kubeconfig, ['scale', deploy, '--replicas=3', '--current-replicas=2'])).toEqual({ exitCode: 0, stdout: `${deploy.replace('/', '.apps/')} scaled`, stderr: '' });
    expectSame(await both(['scale', deploy, '--replicas=1', '--current-replicas=7']));
    expectSame(await both(['scale', 'deployment', 'nope', '--replicas=1']));
    expectSame(await both(['scale', deploy, '--replicas=3', '--dry-run=server']));
    await rolledOut();
  });

  it('set image rolls a new revision out; an unchanged image prints nothing', async () => {
    expect(await kctl(cluster!.kubeconfig, ['set', 'image', deploy, 'busybox=busybox:1.37'])).toEqual({ exitCode: 0, stdout: `deployment.apps/${name} image updated`, stderr: '' });
    await rolledOut();
    expectSame(await both(['set', 'image', deploy, 'busybox=busybox:1.37']));
    expectSame(await both(['set', 'image', deploy, 'nope=x']));
  });

  it('rollout history lists both revisions and shows one in detail', async () => {
    expectSame(await both(['rollout', 'history', deploy]));
    expectSame(await both(['rollout', 'history', deploy, '--revision=1']));
    expectSame(await both(['rollout', 'history', deploy, '--revision=9']));
  });

  it('rollout undo puts the previous template back', async () => {
    expectSame(await both(['rollout', 'undo', deploy, '--dry-run=client']));
    expectSame(await both(['rollout', 'undo', deploy, '--to-revision=9']));
    expect(await kctl(cluster!.kubeconfig, ['rollout', 'undo', deploy])).toEqual({ exitCode: 0, stdout: `deployment.apps/${name} rolled back`, stderr: '' });
    await rolledOut();
    const d = await cluster!.client.get<Deployment>(`/apis/apps/v1/namespaces/default/deployments/${name}`);
    expect(d.spec?.template.spec?.containers[0]?.image).toBe('busybox:1.36');
    expect(d.spec?.template.metadata?.labels).toEqual({ app: name });
    expectSame(await both(['rollout', 'history', deploy]));
    expectSame(await both(['rollout', 'undo', deploy, '--to-revision=3']));
  });

  it('rollout pause, resume and restart patch the Deployment with kubectl messages', async () => {
    expect((await kctl(cluster!.kubeconfig, ['rollout', 'pause', deploy])).stdout).toBe(`deployment.apps/${name} paused`);
    expectSame(await both(['rollout', 'pause', deploy]));
    expectSame(await both(['rollout', 'restart', deploy]));
    expectSame(await both(['rollout', 'undo', deploy]));
    expect((await kctl(cluster!.kubeconfig, ['rollout', 'resume', deploy])).stdout).toBe(`deployment.apps/${name} resumed`);
    expectSame(await both(['rollout', 'resume', deploy]));
    expect((await kctl(cluster!.kubeconfig, ['rollout', 'restart', deploy])).stdout).toBe(`deployment.apps/${name} restarted`);
    const d = await cluster!.client.get<Deployment>(`/apis/apps/v1/namespaces/default/deployments/${name}`);
    expect(d.spec?.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d\d-\d\dT/);
    await rolledOut();
  });

  it('get all and describe deployment print what kubectl prints', async () => {
    const [ours, theirs] = await both(['get', 'all']);
    expect(withoutAges(ours.stdout)).toBe(withoutAges(theirs.stdout));
    expect(theirs.stdout).toContain(`deployment.apps/${name}`);
    const [described, judge] = await both(['describe', deploy]);
    const [fields, events] = splitEvents(withoutAges(described.stdout));
    const [judgeFields, judgeEvents] = splitEvents(withoutAges(judge.stdout));
    expect(fields).toBe(judgeFields);
    expect(events).toEqual(judgeEvents);
    expect(judge.stdout).toMatch(/NewReplicaSet: +\S+ \(3\/3 replicas created\)/);
  });

  it('rollout status, set image and history work on a DaemonSet and a StatefulSet too', async () => {
    const manifest = `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: ${name}-ds }
spec:
  selector: { matchLabels: { app: ${name}-ds } }
  template:
    metadata: { labels: { app: ${name}-ds } }
    spec:
      terminationGracePeriodSeconds: 1
      containers: [{ name: main, image: busybox:1.36, command: [sleep, "3600"] }]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: ${name}-sts }
spec:
  replicas: 2
  serviceName: ${name}-sts
  selector: { matchLabels: { app: ${name}-sts } }
  template:
    metadata: { labels: { app: ${name}-sts } }
    spec:
      terminationGracePeriodSeconds: 1
      containers: [{ name: main, image: busybox:1.36, command: [sleep, "3600"] }]
`;
    const applied = await kubectl(cluster!.kubeconfig, ['apply', '-f', '-'], manifest);
    expect(applied.exitCode, applied.stderr).toBe(0);
    for (const workload of [`daemonset/${name}-ds`, `statefulset/${name}-sts`]) {
      const first = await kctl(cluster!.kubeconfig, ['rollout', 'status', workload, '--timeout=60s']);
      expect(first.exitCode, first.stderr).toBe(0);
      expect((await kctl(cluster!.kubeconfig, ['set', 'image', workload, 'main=busybox:1.37'])).stdout).toMatch(/ image updated$/);
      const second = await kctl(cluster!.kubeconfig, ['rollout', 'status', workload, '--timeout=60s']);
      expect(second.exitCode, second.stderr).toBe(0);
      expectSame(await both(['rollout', 'status', workload]));
      expectSame(await both(['rollout', 'history', workload]));
      expectSame(await both(['rollout', 'history', workload, '--revision=2']));
      expectSame(await both(['rollout', 'undo', workload, '--dry-run=client']));
    }
  });
});
