// A Pod is a shared context (issue 4, "What must be shown"), through the real kubectl on a
// two-node cluster: the seeds' example — a writer and an HTTP server sharing an emptyDir and
// localhost — in two copies that both bind 8080 on IPs of their own; pods on the two nodes reach
// each other and the host reaches them; the pod's hostname and /etc/hosts name it. Then the
// clean-up test: after everything is deleted and `kctl cluster down`, nothing of the cluster is
// left on the host — no namespace, link, route, mount, cgroup, iptables rule or process.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClusterNetwork } from '@kctl/shared';
import { httpGet } from '../harness/http.js';
import { FAST_KUBELET_ARGS, startCluster } from '../harness/cluster.js';
import type { TestCluster } from '../harness/cluster.js';
import { hostFootprint, settledNetwork } from '../harness/host-footprint.js';
import type { HostFootprint } from '../harness/host-footprint.js';
import { fixture, POD_WAIT, readPod, waitForPod } from '../harness/pods.js';
import { canMakePodNetworks } from '../harness/privileges.js';
import { hasKubectl, kubectl } from '../harness/run-cli.js';

let cluster: TestCluster | undefined;
let network: ClusterNetwork;
let stopped = false;

const run = (args: string[], input?: string) => kubectl(cluster!.kubeconfig, args, input);

async function exec(pod: string, container: string, command: string[]): Promise<string> {
  const result = await run(['exec', pod, '-c', container, '--', ...command]);
  expect(result.exitCode, result.stderr).toBe(0);
  return result.stdout;
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const toInt = (a: string) => a.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  const mask = 2 ** 32 - 2 ** (32 - Number(bits));
  return (toInt(ip) & mask) >>> 0 === (toInt(base!) & mask) >>> 0;
}

describe.skipIf(!hasKubectl || !canMakePodNetworks())('a Pod is a shared context', () => {
  let running: HostFootprint;

  beforeAll(async () => {
    cluster = await startCluster({ nodes: 2, kubeletArgs: FAST_KUBELET_ARGS });
    network = settledNetwork(cluster.dataDir);
    const applied = await run(['apply', '-f', '-'], fixture('pod-context/shared-volume.yaml'));
    expect(applied.exitCode, applied.stderr).toBe(0);
    const waited = await run(['wait', '--for=condition=Ready', 'pod/web-1', 'pod/web-2', '--timeout=60s']);
    expect(waited.exitCode, waited.stderr).toBe(0);
  }, 90_000);

  afterAll(async () => {
    if (cluster && !stopped) await cluster.stop();
  }, 90_000);

  it("serves the writer's latest file to the other container on localhost:8080", async () => {
    const served = await vi.waitFor(async () => {
      const body = await exec('web-1', 'writer', ['wget', '-qO-', 'http://localhost:8080/index.html']);
      expect(body).toMatch(/^\d{19}\n?$/);
      return body;
    }, POD_WAIT);
    const onDisk = await exec('web-1', 'writer', ['cat', '/html/index.html']);
    // The writer rewrites the file every second: what was served is at most a couple of seconds old.
    expect(Math.abs(Number(BigInt(onDisk.trim()) - BigInt(served.trim())))).toBeLessThan(3e9);
    await vi.waitFor(async () => {
      const later = await exec('web-1', 'writer', ['wget', '-qO-', 'http://localhost:8080/index.html']);
      expect(BigInt(later.trim())).toBeGreaterThan(BigInt(served.trim()));
    }, POD_WAIT);
  });

  it('gives each copy its own IP from its node, both binding 8080, reachable from the host', async () => {
    const pods = await Promise.all(['web-1', 'web-2'].map((name) => readPod(cluster!.client, name)));
    const ips = pods.map((pod) => pod.status?.podIP ?? '');
    expect(new Set(ips).size).toBe(2);
    for (const ip of ips) expect(inCidr(ip, network.clusterCidr), `${ip} in ${network.clusterCidr}`).toBe(true);
    expect(pods.map((pod) => pod.status?.podIPs)).toEqual(ips.map((ip) => [{ ip }]));
    for (const ip of ips) {
      await vi.waitFor(async () => expect((await httpGet(ip, 8080, '/index.html')).body).toMatch(/^\d{19}\n?$/), POD_WAIT);
    }
    // The volume lives in the pod's own mount namespaces, not on the host.
    expect(existsSync('/html')).toBe(false);
  });

  it('names the pod in its hostname and /etc/hosts', async () => {
    const pod = await readPod(cluster!.client, 'web-1');
    expect((await exec('web-1', 'writer', ['hostname'])).trim()).toBe('web-1');
    expect(await exec('web-1', 'server', ['cat', '/etc/hosts'])).toMatch(new RegExp(`^${pod.status!.podIP!.replaceAll('.', '\\.')}\\s+web-1$`, 'm'));
  });

  it('lets a pod on the other node reach a pod by its IP', async () => {
    const web1 = await readPod(cluster!.client, 'web-1');
    const otherNode = cluster!.nodes.find((node) => node !== web1.spec?.nodeName)!;
    const prober = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'prober' },
      spec: { nodeName: otherNode, containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }] },
    };
    const created = await run(['apply', '-f', '-'], JSON.stringify(prober));
    expect(created.exitCode, created.stderr).toBe(0);
    const pod = await waitForPod(cluster!.client, 'prober', (p) => expect(p.status?.phase).toBe('Running'));
    expect(pod.spec?.nodeName).not.toBe(web1.spec?.nodeName);
    expect(pod.status?.podIP).not.toBe(web1.status?.podIP);
    expect(await exec('prober', 'main', ['wget', '-qO-', `http://${web1.status!.podIP}:8080/index.html`])).toMatch(/^\d{19}\n?$/);
  });

  it('keeps bridged pod traffic flowing when FORWARD drops everything else, as a Docker engine makes it', async () => {
    const web1 = await readPod(cluster!.client, 'web-1');
    // Docker sets the FORWARD policy to DROP; the same effect, confined to this cluster's bridge:
    // a DROP rule at the end of FORWARD, behind the cluster's own ACCEPT chain.
    const rule = ['FORWARD', '-i', network.bridgeName, '-o', network.bridgeName, '-j', 'DROP'];
    execFileSync('iptables', ['-A', ...rule]);
    try {
      expect(await exec('prober', 'main', ['wget', '-qO-', '-T', '5', `http://${web1.status!.podIP}:8080/index.html`])).toMatch(/^\d{19}\n?$/);
    } finally {
      execFileSync('iptables', ['-D', ...rule]);
    }
  });

  it('gives a hostNetwork pod the node\'s network and hostname', async () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'on-host' },
      spec: { hostNetwork: true, containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }] },
    };
    const created = await run(['apply', '-f', '-'], JSON.stringify(pod));
    expect(created.exitCode, created.stderr).toBe(0);
    const running = await waitForPod(cluster!.client, 'on-host', (p) => expect(p.status?.phase).toBe('Running'));
    expect(running.status?.podIP).toBe(running.status?.hostIP);
    expect((await exec('on-host', 'main', ['hostname'])).trim()).toBe(hostname());
  });

  it('leaves no namespace, link, route, mount, cgroup, rule or process behind after delete and cluster down', async () => {
    running = hostFootprint(cluster!.dataDir, network, cluster!.nodes);
    // The footprint is real while the cluster runs: three pod namespaces (on-host has none), the
    // bridge, its routes.
    expect(running.netns).toHaveLength(3);
    expect(running.links.some((line) => line.includes(` ${network.bridgeName}:`))).toBe(true);
    expect(running.routes.length).toBeGreaterThan(0);
    expect(running.processes.length).toBeGreaterThan(0);

    const deleted = await run(['delete', 'pod', '--all', '--wait=true', '--timeout=60s']);
    expect(deleted.exitCode, deleted.stderr).toBe(0);
    await vi.waitFor(() => expect(hostFootprint(cluster!.dataDir, network, cluster!.nodes).netns).toEqual([]), POD_WAIT);

    const { dataDir, nodes } = cluster!;
    stopped = true;
    await cluster!.stop();
    const after = hostFootprint(dataDir, network, nodes);
    expect(after).toEqual({ netns: [], links: [], routes: [], mounts: [], cgroups: [], iptables: [], processes: [], ipForward: running.ipForward });
  }, 120_000);
});
