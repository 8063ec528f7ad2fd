// Bad input (issue 3): a pod with no command, a missing executable, an unknown container in
// exec and logs -c, an exec into a pod that is not running, a probe on a closed port. Each is
// a clear, kubectl-shaped error or status, and no component crashes (their pids do not change).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FAST_KUBELET_ARGS, startCluster } from '../harness/cluster.js';
import type { TestCluster } from '../harness/cluster.js';
import { containerStatus, podEvents, podFixture, POD_WAIT, readPod, waitForPod } from '../harness/pods.js';
import { hasKubectl, kctl, runCli } from '../harness/run-cli.js';
import type { CliName } from '../harness/run-cli.js';
import { stopClusterAndFindLeftovers, workloadMarkers } from '../harness/workload-markers.js';
import type { WorkloadMarkers } from '../harness/workload-markers.js';

let cluster: TestCluster;
let markers: WorkloadMarkers;
let componentPids: Record<string, number>;

async function apply(fixture: string): Promise<void> {
  const result = await kctl(cluster.kubeconfig, ['apply', '-f', '-'], podFixture(fixture, markers.dir));
  expect(result.exitCode, result.stderr).toBe(0);
}

function streamErrors(cli: CliName): void {
  const run = (args: string[]) => runCli(cli, cluster.kubeconfig, args);

  it('names an unknown container in exec and logs -c as kubectl does', async () => {
    await waitForPod(cluster.client, 'closed-port', (p) => expect(containerStatus(p, 'main')?.state?.running).toBeDefined());
    const exec = await run(['exec', 'closed-port', '-c', 'nope', '--', 'true']);
    expect(exec.exitCode).toBe(1);
    // The API server's Status, as kubectl prints it (kubectl-wire-protocol.md §10.1).
    expect(exec.stderr).toContain('Error from server (BadRequest): container nope is not valid for pod closed-port');
    // logs checks -c against the pod spec itself, before any request.
    const logs = await run(['logs', 'closed-port', '-c', 'nope']);
    expect(logs.exitCode).toBe(1);
    expect(logs.stderr).toBe('error: container nope is not valid for pod closed-port');
  });

  it('refuses to exec into a pod that is not running', async () => {
    await waitForPod(cluster.client, 'no-command', (p) => expect(containerStatus(p, 'main')?.state?.waiting?.reason).toBe('CreateContainerConfigError'));
    const exec = await run(['exec', 'no-command', '--', 'true']);
    expect(exec.exitCode).toBe(1);
    expect(exec.stderr).toMatch(/container "main" in pod "no-command" is waiting to start: CreateContainerConfigError/);
    await waitForPod(cluster.client, 'once', (p) => expect(p.status?.phase).toBe('Succeeded'));
    const completed = await run(['exec', 'once', '--', 'true']);
    expect(completed.exitCode).toBe(1);
    expect(completed.stderr).toBe('error: cannot exec into a container in a completed pod; current phase is Succeeded');
  });
}

describe('bad pod input', () => {
  beforeAll(async () => {
    markers = workloadMarkers();
    cluster = await startCluster({ nodes: 1, kubeletArgs: FAST_KUBELET_ARGS });
    componentPids = Object.fromEntries(['apiserver', 'scheduler', `kubelet-${cluster.nodes[0]}`].map((c) => [c, cluster.pidOf(c)]));
    for (const fixture of ['no-command.yaml', 'missing-executable.yaml', 'closed-port-probe.yaml', 'completed.yaml']) await apply(fixture);
  }, 60_000);

  afterAll(async () => {
    // No component crashed or restarted over any of it.
    const after = cluster && Object.fromEntries(Object.keys(componentPids ?? {}).map((c) => [c, cluster.pidOf(c)]));
    const leftovers = await stopClusterAndFindLeftovers(cluster && (() => cluster.stop()), markers);
    expect(after).toEqual(componentPids);
    expect(leftovers).toEqual([]);
  }, 90_000);

  it('reports a container with no command as CreateContainerConfigError', async () => {
    const pod = await waitForPod(cluster.client, 'no-command', (p) => expect(containerStatus(p, 'main')?.state?.waiting?.reason).toBe('CreateContainerConfigError'));
    expect(containerStatus(pod, 'main')?.state?.waiting?.message).toMatch(/command/);
    expect((await kctl(cluster.kubeconfig, ['get', 'pod', 'no-command', '--no-headers'])).stdout.split(/\s+/).slice(0, 3))
      .toEqual(['no-command', '0/1', 'CreateContainerConfigError']);
  });

  it('shows a missing executable as a start error with the OS message in describe', async () => {
    const pod = await waitForPod(cluster.client, 'missing-exec', (p) => expect(containerStatus(p, 'main')?.state?.terminated?.reason).toBe('StartError'));
    expect(containerStatus(pod, 'main')?.state?.terminated?.message).toMatch(/no such file or directory/);
    const described = await kctl(cluster.kubeconfig, ['describe', 'pod', 'missing-exec']);
    expect(described.stdout).toMatch(/Reason: +StartError/);
    expect(described.stdout).toMatch(/\/definitely\/not\/here.*no such file or directory/);
  });

  it('records Unhealthy events for a probe on a closed port and keeps the pod unready', async () => {
    const pod = await waitForPod(cluster.client, 'closed-port', (p) => expect(containerStatus(p, 'main')?.state?.running).toBeDefined());
    expect(containerStatus(pod, 'main')?.ready).toBe(false);
    await vi.waitFor(async () => {
      expect(await podEvents(cluster.client, 'closed-port')).toContainEqual(expect.stringMatching(/^Unhealthy: Readiness probe failed: .*connection refused/));
    }, POD_WAIT);
    expect(containerStatus(await readPod(cluster.client, 'closed-port'), 'main')?.ready).toBe(false);
  });

  describe.skipIf(!hasKubectl)('through the real kubectl', () => streamErrors('kubectl'));
  describe('through kctl', () => streamErrors('kctl'));
});
