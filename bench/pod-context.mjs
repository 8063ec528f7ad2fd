// Issue 4's figures: what giving each pod its own context costs. Pod network set-up and tear-down
// are timed on the kubelet's own BridgePodNetwork (the built module) against a throwaway bridge
// and CIDR that are removed afterwards; the Service proxy's overhead is timed on a real cluster,
// as the difference between requests to a pod's IP and to its Service's ClusterIP (both from this
// process, each on a fresh connection, interleaved so drift on this noisy host hits both alike).
// Pod start-up with a network namespace and volumes is podStartupLatency({ volumes: true }).
// Run alone: node bench/pod-context.mjs [network|proxy]
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, ms, percentile, request } from './support.mjs';
import { startCluster } from './cluster-support.mjs';

export const canMakePodNetworks = () => process.getuid?.() === 0;

/** A /24 in 10.250.0.0/15 that no route of this machine uses. */
function freeTestCidr() {
  const routes = execFileSync('ip', ['-o', '-4', 'route', 'show', 'table', 'all'], { encoding: 'utf8' });
  for (;;) {
    const octet = 250 + (randomBytes(1)[0] % 2);
    const third = randomBytes(1)[0];
    if (!routes.includes(`10.${octet}.${third}.`)) return { cluster: `10.${octet}.${third}.0/24`, node: `10.${octet}.${third}.0/25` };
  }
}

export async function networkSetUpTearDown({ pods = 50 } = {}) {
  const { BridgePodNetwork } = await import(join(ROOT, 'packages/kubelet/dist/network/index.js'));
  const stateDir = mkdtempSync(join(tmpdir(), 'kctl-bench-net-'));
  const cidr = freeTestCidr();
  const network = new BridgePodNetwork({ bridgeName: `kbench${randomBytes(3).toString('hex')}`, clusterCidr: cidr.cluster, podCidr: cidr.node, stateDir });
  const setUp = [];
  const tearDown = [];
  try {
    // The first set-up also creates the bridge: reported apart, not mixed into the per-pod figures.
    const first = performance.now();
    await network.setUp({ uid: 'warm-up-pod', namespace: 'bench', name: 'warm-up' });
    const firstSetUpMs = performance.now() - first;
    await network.tearDown('warm-up-pod');
    for (let i = 0; i < pods; i++) {
      const uid = `bench-${i}-${randomBytes(4).toString('hex')}`;
      const t0 = performance.now();
      await network.setUp({ uid, namespace: 'bench', name: `pod-${i}` });
      const t1 = performance.now();
      await network.tearDown(uid);
      setUp.push(t1 - t0);
      tearDown.push(performance.now() - t1);
    }
    return {
      pods,
      setUpP50Ms: ms(percentile(setUp, 50)),
      setUpP99Ms: ms(percentile(setUp, 99)),
      tearDownP50Ms: ms(percentile(tearDown, 50)),
      tearDownP99Ms: ms(percentile(tearDown, 99)),
      firstSetUpWithBridgeMs: ms(firstSetUpMs),
    };
  } finally {
    await network.tearDownAll();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

function timedGet(host, port) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    get({ host, port, path: '/', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(performance.now() - t0));
    }).on('error', reject);
  });
}

async function waitFor(check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const SERVER = "require('http').createServer((q, s) => s.end('ok')).listen(8080)";

export async function proxyOverhead({ requests = 500 } = {}) {
  const cluster = startCluster({});
  try {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'target', labels: { app: 'target' } },
      spec: { containers: [{ name: 'main', image: 'node:20', command: ['node', '-e', SERVER], ports: [{ containerPort: 8080 }] }] },
    };
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'target' }, spec: { selector: { app: 'target' }, ports: [{ port: 80, targetPort: 8080 }] } };
    await request(cluster.base, 'POST', '/api/v1/namespaces/default/pods', pod);
    await request(cluster.base, 'POST', '/api/v1/namespaces/default/services', service);
    const podIp = await waitFor(async () => JSON.parse((await request(cluster.base, 'GET', '/api/v1/namespaces/default/pods/target')).body).status?.podIP);
    const clusterIp = JSON.parse((await request(cluster.base, 'GET', '/api/v1/namespaces/default/services/target')).body).spec.clusterIP;
    await waitFor(() => timedGet(podIp, 8080));
    await waitFor(() => timedGet(clusterIp, 80));
    const direct = [];
    const proxied = [];
    for (let i = 0; i < requests; i++) {
      direct.push(await timedGet(podIp, 8080));
      proxied.push(await timedGet(clusterIp, 80));
    }
    const directP50 = percentile(direct, 50);
    const proxiedP50 = percentile(proxied, 50);
    return {
      requests,
      directP50Ms: ms(directP50),
      viaClusterIpP50Ms: ms(proxiedP50),
      addedP50Ms: ms(proxiedP50 - directP50),
      directP99Ms: ms(percentile(direct, 99)),
      viaClusterIpP99Ms: ms(percentile(proxied, 99)),
    };
  } finally {
    cluster.down();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const which = process.argv[2];
  if (!which || which === 'network') console.log('pod network set-up/tear-down', await networkSetUpTearDown());
  if (!which || which === 'proxy') console.log('service proxy overhead', await proxyOverhead());
}
