// Resource limits as cgroups: a container that allocates past its memory limit is killed by the
// kernel and reported as Kubernetes does — terminated, reason OOMKilled, exit code 137; a busy
// container is throttled at its CPU limit; and `cluster down` leaves none of the kubelet's
// cgroups behind.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cgroupParentFor } from '@kctl/kubelet';
import { FAST_KUBELET_ARGS, startCluster } from '../harness/cluster.js';
import type { TestCluster } from '../harness/cluster.js';
import { containerStatus, podFixture, waitForPod } from '../harness/pods.js';
import { kctl } from '../harness/run-cli.js';
import { stopClusterAndFindLeftovers, workloadMarkers } from '../harness/workload-markers.js';
import type { WorkloadMarkers } from '../harness/workload-markers.js';

const MEMORY_CGROUPS = '/sys/fs/cgroup/memory';
const CPU_CGROUPS = '/sys/fs/cgroup/cpu';

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

  it('throttles a container at its CPU limit and classes the pod Guaranteed', async () => {
    const hog = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'cpu-hog' },
      spec: {
        containers: [
          {
            name: 'main',
            image: 'busybox:1.36',
            command: ['sh', '-c', 'while :; do :; done'],
            resources: { limits: { cpu: '100m', memory: '64Mi' } },
          },
        ],
      },
    };
    const applied = await kctl(cluster.kubeconfig, ['apply', '-f', '-'], JSON.stringify(hog));
    expect(applied.exitCode, applied.stderr).toBe(0);
    const pod = await waitForPod(cluster.client, 'cpu-hog', (p) => expect(containerStatus(p, 'main')?.state?.running).toBeDefined());
    expect(pod.status?.qosClass).toBe('Guaranteed');
    const id = containerStatus(pod, 'main')!.containerID!.replace(/^process:\/\//, '');
    const cgroup = join(CPU_CGROUPS, cgroupParentFor(join(cluster.dataDir, 'nodes', cluster.nodes[0]!)), id);
    expect(readFileSync(join(cgroup, 'cpu.cfs_quota_us'), 'utf8').trim()).toBe('10000');
    await vi.waitFor(() => {
      const throttled = Number(/^nr_throttled (\d+)$/m.exec(readFileSync(join(cgroup, 'cpu.stat'), 'utf8'))?.[1]);
      expect(throttled).toBeGreaterThan(5);
    }, { timeout: 10_000, interval: 250 });
  });
});
