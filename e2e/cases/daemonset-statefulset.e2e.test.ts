// DaemonSets and StatefulSets (issue 5), through the real kubectl on a three-node cluster: a
// DaemonSet runs exactly one pod on each node and `kubectl rollout status` sees it through; a
// StatefulSet creates web-0, web-1, web-2 strictly in order (each only once the one before is
// Ready), each pod with its own claim from the volumeClaimTemplate, and kubectl prints its table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { V1Pod } from '@kubernetes/client-node';
import { FAST_KUBELET_ARGS, startCluster } from '../harness/cluster.js';
import type { TestCluster } from '../harness/cluster.js';
import { canMakePodNetworks } from '../harness/privileges.js';
import { hasKubectl, kubectl } from '../harness/run-cli.js';

let cluster: TestCluster | undefined;

const run = (args: string[], input?: string) => kubectl(cluster!.kubeconfig, args, input);

const DAEMON_SET = `
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
      - name: agent
        image: busybox
        command: ["sleep", "3600"]
`;

const STATEFUL_SET = `
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: None
  selector: {app: web}
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
      - name: web
        image: busybox
        command: ["sleep", "3600"]
        volumeMounts:
        - {name: data, mountPath: /data}
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests: {storage: 1Mi}
`;

const isReady = (pod: V1Pod) => pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

describe.skipIf(!hasKubectl || !canMakePodNetworks())('DaemonSets and StatefulSets', () => {
  beforeAll(async () => {
    cluster = await startCluster({ nodes: 3, kubeletArgs: FAST_KUBELET_ARGS });
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  it('runs one DaemonSet pod on each node and rolls out', async () => {
    const applied = await run(['apply', '-f', '-'], DAEMON_SET);
    expect(applied.exitCode, applied.stderr).toBe(0);
    const rollout = await run(['rollout', 'status', 'ds/agent', '--timeout=60s']);
    expect(rollout.exitCode, rollout.stderr).toBe(0);
    expect(rollout.stdout).toContain('daemon set "agent" successfully rolled out');
    const wide = await run(['get', 'pods', '-l', 'app=agent', '-o', 'wide', '--no-headers']);
    expect(wide.exitCode, wide.stderr).toBe(0);
    const rows = wide.stdout.trim().split('\n').map((line) => line.split(/\s+/));
    // NAME READY STATUS RESTARTS AGE IP NODE ...
    expect(rows).toHaveLength(3);
    expect(rows.map((row) => row[2])).toEqual(['Running', 'Running', 'Running']);
    expect(new Set(rows.map((row) => row[6]))).toEqual(new Set(cluster!.nodes));
    const table = await run(['get', 'ds', 'agent']);
    const [header, row] = table.stdout.trim().split('\n').map((line) => line.split(/\s+/));
    expect(header).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE', 'SELECTOR', 'AGE']);
    expect(row?.slice(0, 7)).toEqual(['agent', '3', '3', '3', '3', '3', '<none>']);
  }, 70_000);

  it('rolls the DaemonSet to a new template one node at a time', async () => {
    const hashes = async () => {
      const listed = await run(['get', 'pods', '-l', 'app=agent', '-o', 'jsonpath={range .items[*]}{.metadata.labels.controller-revision-hash} {.spec.nodeName}{"\\n"}{end}']);
      return listed.stdout.trim().split('\n').map((line) => line.split(' '));
    };
    const before = new Set((await hashes()).map(([hash]) => hash));
    const patched = await run(['patch', 'ds', 'agent', '--type=merge', '-p', '{"spec":{"template":{"metadata":{"labels":{"app":"agent","rev":"2"}}}}}']);
    expect(patched.exitCode, patched.stderr).toBe(0);
    const rollout = await run(['rollout', 'status', 'ds/agent', '--timeout=60s']);
    expect(rollout.exitCode, rollout.stderr).toBe(0);
    // maxUnavailable 1: kubectl saw the nodes updated one by one.
    expect(rollout.stdout).toContain('Waiting for daemon set "agent" rollout to finish: 1 out of 3 new pods have been updated...');
    const after = (await hashes()).filter(([, node]) => node);
    expect(after).toHaveLength(3);
    expect(new Set(after.map(([, node]) => node))).toEqual(new Set(cluster!.nodes));
    expect(after.every(([hash]) => !before.has(hash) && hash === after[0]![0])).toBe(true);
    const revisions = await run(['get', 'controllerrevisions', '-o', 'name']);
    expect(revisions.stdout.trim().split('\n')).toHaveLength(2);
  }, 70_000);

  it('creates web-0, web-1 and web-2 in order, each with its own claim', async () => {
    // Every pod event in arrival order: creations and the moments each pod became Ready.
    const timeline: string[] = [];
    const watching = new AbortController();
    const watched = (async () => {
      for await (const event of cluster!.client.watch<V1Pod>('/api/v1/namespaces/default/pods', { labelSelector: 'app=web' }, { signal: watching.signal })) {
        const name = event.object.metadata?.name ?? '';
        if (event.type === 'ADDED' && !timeline.includes(`created ${name}`)) timeline.push(`created ${name}`);
        if (isReady(event.object) && !timeline.includes(`ready ${name}`)) timeline.push(`ready ${name}`);
      }
    })().catch(() => undefined);
    try {
      const applied = await run(['apply', '-f', '-'], STATEFUL_SET);
      expect(applied.exitCode, applied.stderr).toBe(0);
      const rollout = await run(['rollout', 'status', 'sts/web', '--timeout=60s']);
      expect(rollout.exitCode, rollout.stderr).toBe(0);
      // The defaulted rollingUpdate.partition (0) takes kubectl down its partitioned branch, as on Kubernetes.
      expect(rollout.stdout).toContain('partitioned roll out complete: 3 new pods have been updated...');
    } finally {
      watching.abort();
      await watched;
    }
    expect(timeline).toEqual(['created web-0', 'ready web-0', 'created web-1', 'ready web-1', 'created web-2', 'ready web-2']);

    for (const ordinal of [0, 1, 2]) {
      const wrote = await run(['exec', `web-${ordinal}`, '--', 'sh', '-c', `echo ${ordinal} > /data/ordinal`]);
      expect(wrote.exitCode, wrote.stderr).toBe(0);
    }
    for (const ordinal of [0, 1, 2]) {
      const read = await run(['exec', `web-${ordinal}`, '--', 'cat', '/data/ordinal']);
      expect(read.stdout.trim()).toBe(String(ordinal));
      const hostname = await run(['exec', `web-${ordinal}`, '--', 'hostname']);
      expect(hostname.stdout.trim()).toBe(`web-${ordinal}`);
    }
    const claims = await run(['get', 'pvc', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.status.phase} {end}']);
    expect(claims.stdout.trim().split(' ').sort()).toEqual(['data-web-0=Bound', 'data-web-1=Bound', 'data-web-2=Bound']);

    const table = await run(['get', 'sts']);
    expect(table.exitCode, table.stderr).toBe(0);
    const [header, row] = table.stdout.trim().split('\n').map((line) => line.split(/\s+/));
    expect(header).toEqual(['NAME', 'READY', 'AGE']);
    expect(row?.slice(0, 2)).toEqual(['web', '3/3']);
    const events = await run(['get', 'events', '--field-selector', 'involvedObject.kind=StatefulSet', '-o', 'jsonpath={range .items[*]}{.reason}: {.message}{"\\n"}{end}']);
    expect(events.stdout).toContain('SuccessfulCreate: create Pod web-0 in StatefulSet web successful');
    expect(events.stdout).toContain('SuccessfulCreate: create Claim data-web-0 Pod web-0 in StatefulSet web success');
  }, 70_000);
});
