// Pods really run (issue 3, "What must be shown"): the same user journey through the real
// kubectl and through kctl, against `kctl cluster up --detach --nodes 1` with shortened
// back-off: apply, wait Ready, logs (and -f), exec with an exit code, exec -it under a real
// pseudo-terminal, CrashLoopBackOff, Completed, init + two containers, a liveness restart and
// a graceful deletion honoured by a process that traps SIGTERM. Nothing is left running after.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FAST_KUBELET_ARGS, startCluster } from '../harness/cluster.js';
import type { TestCluster } from '../harness/cluster.js';
import { comparablePodTable, containerStatus, namespaceManifest, podEvents, podFixture, POD_WAIT, waitForPod, waitForPodGone } from '../harness/pods.js';
import { hasScript, runInPty } from '../harness/pty.js';
import { cliCommand, cliEnv, hasKubectl, kctl, kubectl, runCli, startCli } from '../harness/run-cli.js';
import type { CliName } from '../harness/run-cli.js';
import { isAlive, stopClusterAndFindLeftovers, workloadMarkers } from '../harness/workload-markers.js';
import type { WorkloadMarkers } from '../harness/workload-markers.js';

let cluster: TestCluster;
let markers: WorkloadMarkers;

/** The journey, run once per CLI in a namespace of its own. */
function podJourney(cli: CliName): void {
  const ns = `${cli}-journey`;
  const run = (args: string[], input?: string) => runCli(cli, cluster.kubeconfig, ['-n', ns, ...args], input);
  const apply = async (fixture: string) => {
    const result = await run(['apply', '-f', '-'], podFixture(fixture, markers.dir));
    expect(result.exitCode, result.stderr).toBe(0);
  };

  beforeAll(async () => {
    const created = await runCli(cli, cluster.kubeconfig, ['apply', '-f', '-'], namespaceManifest(ns));
    expect(created.exitCode, created.stderr).toBe(0);
  });

  it('applies a pod, waits for Ready and shows its first log line', async () => {
    await apply('hello.yaml');
    const wait = await run(['wait', '--for=condition=Ready', 'pod/hello', '--timeout=60s']);
    expect(wait.exitCode, wait.stderr).toBe(0);
    expect(wait.stdout).toBe('pod/hello condition met');
    const pod = await waitForPod(cluster.client, 'hello', (p) => expect(p.status?.phase).toBe('Running'), { namespace: ns });
    expect(pod.spec?.nodeName).toBe(cluster.nodes[0]);
    await vi.waitFor(async () => expect((await run(['logs', 'hello'])).stdout).toContain('hello from the pod'), POD_WAIT);
  });

  it('follows the log until a later line appears', async () => {
    const follow = startCli(cli, cluster.kubeconfig, ['-n', ns, 'logs', '-f', 'hello']);
    let seen = '';
    follow.stdout?.on('data', (chunk: Buffer) => (seen += chunk.toString('utf8')));
    try {
      await vi.waitFor(() => expect(seen).toContain('second line'), POD_WAIT);
      expect(seen.indexOf('hello from the pod')).toBeLessThan(seen.indexOf('second line'));
    } finally {
      follow.kill('SIGTERM');
      await follow;
    }
  });

  it('run -i --rm shows the output of a short-lived pod, deletes it and exits with its code', async () => {
    const result = await run(['run', '-i', '--rm', 'quick', '--image=busybox', '--restart=Never', '--command', '--', 'sh', '-c', 'echo from run; exit 4']);
    expect(result.stdout).toContain('from run');
    expect(result.stdout).toContain('pod "quick" deleted');
    expect(result.stderr).toContain(`pod ${ns}/quick terminated (Error)`);
    expect(result.exitCode).toBe(4);
    await waitForPodGone(cluster.client, 'quick', ns);
  });

  it('passes the exit code of exec through', async () => {
    const result = await run(['exec', 'hello', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toBe('out');
    expect(result.stderr).toContain('err');
  });

  it.skipIf(!hasScript)('runs exec -it under a real pseudo-terminal', async () => {
    const [command, ...prefix] = cliCommand(cli);
    const session = await runInPty(
      [command!, ...prefix, '-n', ns, 'exec', '-it', 'hello', '--', 'sh', '-c', 'echo READY; read line; echo "got:$line"; [ -t 0 ] && echo tty-yes; exit 5'],
      cliEnv(cluster.kubeconfig),
      [{ after: 'READY', send: 'typed in a terminal\n' }],
    );
    expect(session.output).toContain('got:typed in a terminal');
    expect(session.output).toContain('tty-yes');
    expect(session.exitCode).toBe(5);
  });

  it('shows CrashLoopBackOff with a growing RESTARTS count', async () => {
    await apply('crashloop.yaml');
    const restartsSeen = new Set<number>();
    await vi.waitFor(async () => {
      const row = (await run(['get', 'pod', 'crasher', '--no-headers'])).stdout;
      const [, , status, restarts] = row.split(/\s+/);
      restartsSeen.add(Number(restarts));
      expect(status).toBe('CrashLoopBackOff');
      expect(Math.max(...restartsSeen)).toBeGreaterThanOrEqual(2);
    }, POD_WAIT);
    const pod = await waitForPod(cluster.client, 'crasher', () => {}, { namespace: ns });
    expect(containerStatus(pod, 'main')?.lastState?.terminated?.exitCode).toBe(1);
    expect(containerStatus(pod, 'main')?.lastState?.terminated?.reason).toBe('Error');
    expect(await podEvents(cluster.client, 'crasher', ns)).toContainEqual(expect.stringMatching(/^BackOff: Back-off restarting failed container main in pod crasher_/));
  }, 90_000);

  it('shows Completed for a restartPolicy Never pod that exits 0', async () => {
    await apply('completed.yaml');
    await waitForPod(cluster.client, 'once', (p) => expect(p.status?.phase).toBe('Succeeded'), { namespace: ns });
    const row = (await run(['get', 'pod', 'once', '--no-headers'])).stdout.split(/\s+/);
    expect(row.slice(0, 4)).toEqual(['once', '0/1', 'Completed', '0']);
    expect((await run(['logs', 'once'])).stdout).toBe('done');
  });

  it('runs the init container to completion before both app containers', async () => {
    await apply('init-and-two.yaml');
    const wait = await run(['wait', '--for=condition=Ready', 'pod/multi', '--timeout=60s']);
    expect(wait.exitCode, wait.stderr).toBe(0);
    const pod = await waitForPod(cluster.client, 'multi', () => {}, { namespace: ns });
    expect(containerStatus(pod, 'prepare')?.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(pod.status?.conditions?.find((c) => c.type === 'Initialized')?.status).toBe('True');
    expect((await run(['get', 'pod', 'multi', '--no-headers'])).stdout.split(/\s+/).slice(0, 3)).toEqual(['multi', '2/2', 'Running']);
    expect((await run(['logs', 'multi', '-c', 'prepare'])).stdout).toBe('init ran');
    // The app read the file the init container wrote: it ran strictly after.
    expect((await run(['logs', 'multi', '-c', 'app'])).stdout).toBe('prepared');
    expect((await run(['logs', 'multi', '-c', 'sidecar'])).stdout).toBe('sidecar up');
  });

  it('restarts a container whose liveness probe fails', async () => {
    await apply('liveness.yaml');
    const pod = await waitForPod(cluster.client, 'liveness', (p) => expect(containerStatus(p, 'main')?.restartCount).toBeGreaterThanOrEqual(1), { namespace: ns });
    expect(containerStatus(pod, 'main')?.lastState?.terminated).toBeDefined();
    const events = await podEvents(cluster.client, 'liveness', ns);
    expect(events).toContainEqual(expect.stringMatching(/^Unhealthy: Liveness probe failed/));
    expect(events).toContainEqual('Killing: Container main failed liveness probe, will be restarted');
  });

  it('honours the grace period on deletion: SIGTERM first, and the process gets to react', async () => {
    await apply('graceful.yaml');
    await waitForPod(cluster.client, 'graceful', (p) => expect(containerStatus(p, 'main')?.state?.running).toBeDefined(), { namespace: ns });
    await vi.waitFor(() => expect(markers.pid('graceful')).toBeDefined(), POD_WAIT);
    const deleted = await run(['delete', 'pod', 'graceful', '--grace-period=10']);
    expect(deleted.exitCode, deleted.stderr).toBe(0);
    expect(deleted.stdout).toBe('pod "graceful" deleted');
    await waitForPodGone(cluster.client, 'graceful', ns);
    expect(markers.read('graceful-sigterm')).toBe('got SIGTERM\n');
    expect(isAlive(markers.pid('graceful')!)).toBe(false);
  });
}

describe('pods really run', () => {
  beforeAll(async () => {
    markers = workloadMarkers();
    cluster = await startCluster({ nodes: 1, kubeletArgs: FAST_KUBELET_ARGS });
  }, 60_000);

  afterAll(async () => {
    const leftovers = await stopClusterAndFindLeftovers(cluster && (() => cluster.stop()), markers);
    // `cluster down` must have stopped every workload process.
    expect(leftovers).toEqual([]);
  }, 90_000);

  describe.skipIf(!hasKubectl)('through the real kubectl', () => podJourney('kubectl'));
  describe('through kctl', () => podJourney('kctl'));

  it.skipIf(!hasKubectl)('kctl and kubectl print the same pods table, states and restart counts included', async () => {
    const ns = 'tables';
    expect((await kctl(cluster.kubeconfig, ['apply', '-f', '-'], namespaceManifest(ns))).exitCode).toBe(0);
    for (const fixture of ['crashloop.yaml', 'completed.yaml', 'hello.yaml']) {
      const applied = await kctl(cluster.kubeconfig, ['-n', ns, 'apply', '-f', '-'], podFixture(fixture, markers.dir));
      expect(applied.exitCode, applied.stderr).toBe(0);
    }
    await waitForPod(cluster.client, 'crasher', (p) => expect(containerStatus(p, 'main')?.state?.waiting?.reason).toBe('CrashLoopBackOff'), { namespace: ns });
    await waitForPod(cluster.client, 'once', (p) => expect(p.status?.phase).toBe('Succeeded'), { namespace: ns });
    // Back to back, the two can straddle a restart: they must agree on some pair of runs.
    await vi.waitFor(async () => {
      const ours = await kctl(cluster.kubeconfig, ['-n', ns, 'get', 'pods']);
      const theirs = await kubectl(cluster.kubeconfig, ['-n', ns, 'get', 'pods']);
      expect(comparablePodTable(ours.stdout)).toBe(comparablePodTable(theirs.stdout));
      expect(ours.stdout).toMatch(/^crasher +0\/1 +CrashLoopBackOff +\d+ \(\d+s ago\)/m);
      expect(ours.stdout).toMatch(/^once +0\/1 +Completed +0 /m);
    }, POD_WAIT);
  }, 90_000);

  it.skipIf(!hasKubectl)('kctl describe pod prints what kubectl prints for a running pod', async () => {
    const ns = 'described';
    expect((await kctl(cluster.kubeconfig, ['apply', '-f', '-'], namespaceManifest(ns))).exitCode).toBe(0);
    const applied = await kctl(cluster.kubeconfig, ['-n', ns, 'apply', '-f', '-'], podFixture('described.yaml', markers.dir));
    expect(applied.exitCode, applied.stderr).toBe(0);
    await waitForPod(cluster.client, 'described', (p) => expect(p.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True'), { namespace: ns });
    const ages = (text: string) => text.replace(/\b(\d+[smhdy])+\b/g, '<age>').replace(/<age>( \(x\d+ over <age>\))?\s+/g, '<age> ');
    await vi.waitFor(async () => {
      const ours = await kctl(cluster.kubeconfig, ['-n', ns, 'describe', 'pod', 'described']);
      const theirs = await kubectl(cluster.kubeconfig, ['-n', ns, 'describe', 'pod', 'described']);
      expect(theirs.exitCode, theirs.stderr).toBe(0);
      expect(ages(ours.stdout)).toBe(ages(theirs.stdout));
      expect(ours.stdout).toContain('Liveness:');
      expect(ours.stdout).toContain('Init Containers:');
    }, POD_WAIT);
  }, 90_000);
});
