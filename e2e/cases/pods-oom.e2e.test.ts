// Memory limits (resources.limits.memory): a container that allocates past its limit is killed
// by the kernel and reported as Kubernetes does — terminated, reason OOMKilled, exit code 137 —
// and `cluster down` leaves none of the kubelet's memory cgroups behind.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST_KUBELET_ARGS, startCluster } from '../harness/cluster.js';
import type { TestCluster } from '../harness/cluster.js';
import { containerStatus, podFixture, waitForPod } from '../harness/pods.js';
import { kctl } from '../harness/run-cli.js';
import { stopClusterAndFindLeftovers, workloadMarkers } from '../harness/workload-markers.js';
import type { WorkloadMarkers } from '../harness/workload-markers.js';

const MEMORY_CGROUPS = '/sys/fs/cgroup/memory';

function cgroupsWritable(): boolean {
  try {
    accessSync(MEMORY_CGROUPS, constants.W_OK);
    return existsSync(`${MEMORY_CGROUPS}/memory.limit_in_bytes`) && process.getuid?.() === 0;
  } catch {
    return false;
  }
}

/** The kubelets' cgroup parents on this machine (other clusters' included: compared, not asserted empty). */
function kctlCgroups(): string[] {
  return execFileSync('find', [MEMORY_CGROUPS, '-maxdepth', '1', '-name', 'kctl-*'], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();
}

async function statusColumn(name: string): Promise<string | undefined> {
  return (await kctl(cluster.kubeconfig, ['get', 'pod', name, '--no-headers'])).stdout.split(/\s+/)[2];
}

let cluster: TestCluster;
let markers: WorkloadMarkers;
let cgroupsBefore: string[];

describe.skipIf(!cgroupsWritable())('memory limits and OOMKilled', () => {
  beforeAll(async () => {
    cgroupsBefore = kctlCgroups();
    markers = workloadMarkers();
    cluster = await startCluster({ nodes: 1, kubeletArgs: FAST_KUBELET_ARGS });
    const applied = await kctl(cluster.kubeconfig, ['apply', '-f', '-'], podFixture('oom.yaml', markers.dir));
    expect(applied.exitCode, applied.stderr).toBe(0);
  }, 60_000);

  afterAll(async () => {
    const leftovers = await stopClusterAndFindLeftovers(cluster && (() => cluster.stop()), markers);
    expect(leftovers).toEqual([]);
    expect(kctlCgroups()).toEqual(cgroupsBefore);
  }, 90_000);

  it('reports a container killed at its memory limit as OOMKilled with exit code 137', async () => {
    const pod = await waitForPod(cluster.client, 'oom-never', (p) => expect(containerStatus(p, 'main')?.state?.terminated).toBeDefined());
    expect(containerStatus(pod, 'main')?.state?.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
    expect(pod.status?.phase).toBe('Failed');
    expect(await statusColumn('oom-never')).toBe('OOMKilled');
  });

  it('restarts an OOM-killed container under restartPolicy Always, then backs off', async () => {
    const pod = await waitForPod(cluster.client, 'oom-always', (p) => {
      const status = containerStatus(p, 'main');
      expect(status?.restartCount).toBeGreaterThanOrEqual(1);
      expect(status?.state?.waiting?.reason).toBe('CrashLoopBackOff');
    });
    expect(containerStatus(pod, 'main')?.lastState?.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
    expect(await statusColumn('oom-always')).toMatch(/^(CrashLoopBackOff|OOMKilled)$/);
  });
});
