// npm run bench: runs every benchmark against the built bundles and writes docs/benchmarks.md.
// Each API benchmark gets a fresh API server so one run's data does not skew the next.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { ROOT, startApiServer } from './support.mjs';
import { closedLoopCreates, openLoopCreates, singleGets } from './api-throughput.mjs';
import { listTable, watchFanOut } from './list-and-watch.mjs';
import { cliGetPods, clusterUp } from './cli-and-startup.mjs';
import { schedulerThroughput } from './scheduler.mjs';
import { kubeletMemory, podStartupLatency, podThroughput } from './pods.mjs';
import { canMakePodNetworks, networkSetUpTearDown, proxyOverhead } from './pod-context.mjs';
import { replicaSetCreationRate } from './replicaset.mjs';
import { deploymentRollingUpdate, deploymentScaleUp } from './deployment.mjs';

const quick = process.argv.includes('--quick');
const seconds = quick ? 3 : 10;

async function withServer(fn) {
  const api = await startApiServer();
  try {
    return await fn(api);
  } finally {
    await api.stop();
  }
}

const results = {};
results.creates = await withServer((api) => closedLoopCreates(api.base, { durationSeconds: seconds }));
console.log('durable creates', results.creates);
results.openLoop = await withServer((api) => openLoopCreates(api.base, { durationSeconds: seconds }));
console.log('open-loop creates', results.openLoop);
results.gets = await withServer((api) => singleGets(api.base, { durationSeconds: seconds }));
console.log('single GETs', results.gets);
results.list = await withServer((api) => listTable(api.base));
console.log('list 1000 pods as Table', results.list);
results.watch = await withServer((api) => watchFanOut(api.base));
console.log('watch fan-out', results.watch);
results.cli = await withServer((api) => cliGetPods(api.kubeconfig));
console.log('get pods', results.cli);
results.up = clusterUp();
console.log('cluster up', results.up);
// These start their own API server or whole cluster, and keep full sizes even with --quick: the
// targets are stated for exactly these sizes.
results.scheduler = await schedulerThroughput({ nodes: 1000, pods: 1000 });
console.log('scheduler', results.scheduler);
results.podStartup = await podStartupLatency({ pods: 100, ratePerSecond: 20 });
console.log('pod start-up latency', results.podStartup);
results.podContextStartup = await podStartupLatency({ pods: 100, ratePerSecond: 20, volumes: true });
console.log('pod start-up latency with volumes', results.podContextStartup);
if (canMakePodNetworks()) {
  results.podNetwork = await networkSetUpTearDown({ pods: 50 });
  console.log('pod network set-up/tear-down', results.podNetwork);
  results.proxy = await proxyOverhead({ requests: 500 });
  console.log('service proxy overhead', results.proxy);
}
results.replicaset = await replicaSetCreationRate({ pods: 2000 });
console.log('replicaset creation rate', results.replicaset);
results.deploymentScale = await deploymentScaleUp({ replicas: 200 });
console.log('deployment 0 -> 200', results.deploymentScale);
results.deploymentRollout = await deploymentRollingUpdate({ replicas: 50 });
console.log('deployment rolling update', results.deploymentRollout);
results.podThroughput = await podThroughput({ pods: 500 });
console.log('pod throughput', results.podThroughput);
results.kubeletMemory = await kubeletMemory({ pods: 100 });
console.log('kubelet memory', results.kubeletMemory);

const verdict = (ok) => (ok ? 'met' : '**not met**');
const rows = [
  ['Durable creates/s, 50 concurrent clients (closed loop, synced LevelDB batches)', '≥ 3,000/s', `${results.creates.createsPerSecond.toLocaleString('en-US')}/s (p99 ${results.creates.p99Ms} ms, non-2xx ${results.creates.non2xx})`, verdict(results.creates.createsPerSecond >= 3000 && results.creates.non2xx === 0)],
  ['Create latency at a steady 1,500 creates/s (open loop)', 'p99 ≤ 25 ms', `p50 ${results.openLoop.p50Ms} ms, p99 ${results.openLoop.p99Ms} ms, max ${results.openLoop.maxMs} ms over ${seconds} s after a 2 s warm-up (warm-up p99 ${results.openLoop.warmupP99Ms} ms; achieved ${results.openLoop.achievedRate}/s, ${results.openLoop.failures} failures)`, verdict(results.openLoop.p99Ms <= 25 && results.openLoop.failures === 0)],
  ['Single-object GETs/s, 50 connections', '≥ 15,000/s', `${results.gets.getsPerSecond.toLocaleString('en-US')}/s (p99 ${results.gets.p99Ms} ms)`, verdict(results.gets.getsPerSecond >= 15000)],
  ['List 1,000 pods as a Table', '≤ 50 ms', `median ${results.list.medianMs} ms, p99 ${results.list.p99Ms} ms (${results.list.pods} rows)`, verdict(results.list.p99Ms <= 50)],
  ['One event reaching 100 watchers', 'p99 ≤ 20 ms', `per delivery p50 ${results.watch.perDeliveryP50Ms} / p99 ${results.watch.perDeliveryP99Ms} ms; all 100 reached p99 ${results.watch.allWatchersP99Ms} ms`, verdict(results.watch.perDeliveryP99Ms <= 20)],
  ['`kctl get pods` via the installed bin (wall)', '≤ 100 ms', `mean ${results.cli.kctl.meanMs} ms (node -e 0: ${results.cli.nodeFloor.meanMs} ms; real kubectl on the same server: ${results.cli.kubectl?.meanMs ?? 'n/a'} ms)`, verdict(results.cli.kctl.meanMs <= 100)],
  ['`kctl cluster up --detach` to a ready cluster (API server, scheduler, controller manager, one Ready node)', '< 1 s (for a ready API)', `mean ${results.up.meanMs} ms, max ${results.up.maxMs} ms (${results.up.runs} runs)`, verdict(results.up.maxMs < 1000)],
  ['Scheduler alone: 1,000 pods onto 1,000 Node objects (no kubelets)', '≥ 500 pods bound/s', `${results.scheduler.podsPerSecond.toLocaleString('en-US')}/s (first binding ${results.scheduler.firstBindingAfterStartMs} ms after the scheduler was spawned, all bound after ${results.scheduler.allBoundAfterStartMs} ms, ${results.scheduler.nodesUsed} nodes used)`, verdict(results.scheduler.podsPerSecond >= 500)],
  ['Pod start-up, create to Running as seen by a watch: 100 pods at 20/s on one node', 'p50 ≤ 100 ms, p99 ≤ 500 ms', `p50 ${results.podStartup.p50Ms} ms, p99 ${results.podStartup.p99Ms} ms, max ${results.podStartup.maxMs} ms (${results.podStartup.running}/${results.podStartup.pods} Running; after a warm-up pod, which took ${results.podStartup.firstPodAfterUpMs} ms right after \`cluster up --detach\`)`, verdict(results.podStartup.running === results.podStartup.pods && results.podStartup.p50Ms <= 100 && results.podStartup.p99Ms <= 500)],
  ['Pod start-up with its own network namespace and volumes (an emptyDir and a ConfigMap): 100 pods at 20/s on one node', 'p50 ≤ 150 ms, p99 ≤ 600 ms', `p50 ${results.podContextStartup.p50Ms} ms, p99 ${results.podContextStartup.p99Ms} ms, max ${results.podContextStartup.maxMs} ms (${results.podContextStartup.running}/${results.podContextStartup.pods} Running)`, verdict(results.podContextStartup.running === results.podContextStartup.pods && results.podContextStartup.p50Ms <= 150 && results.podContextStartup.p99Ms <= 600)],
  ...(results.podNetwork
    ? [
        ['Pod network set-up (netns, veth on the cluster bridge, address, routes) / tear-down, 50 pods one after another', '< 30 ms / < 50 ms', `set-up p50 ${results.podNetwork.setUpP50Ms} ms (p99 ${results.podNetwork.setUpP99Ms}), tear-down p50 ${results.podNetwork.tearDownP50Ms} ms (p99 ${results.podNetwork.tearDownP99Ms}); the first set-up, which also creates the bridge: ${results.podNetwork.firstSetUpWithBridgeMs} ms`, verdict(results.podNetwork.setUpP50Ms < 30 && results.podNetwork.tearDownP50Ms < 50)],
        ['Service request through the proxy (ClusterIP) vs straight to the pod, fresh connection each, 500 each interleaved', '≤ +1 ms p50', `+${results.proxy.addedP50Ms} ms (p50 direct ${results.proxy.directP50Ms} ms, via ClusterIP ${results.proxy.viaClusterIpP50Ms} ms; p99 ${results.proxy.directP99Ms} / ${results.proxy.viaClusterIpP99Ms} ms)`, verdict(results.proxy.addedP50Ms <= 1)],
      ]
    : []),
  ['ReplicaSet scaled 0→2,000 on hollow pods (API server + controller manager, no kubelet)', '≥ 1,000 pods created/s', `${results.replicaset.podsPerSecond.toLocaleString('en-US')}/s on fresh processes (first pod ${results.replicaset.firstPodAfterScaleMs} ms after the scale, all ${results.replicaset.pods} after ${results.replicaset.allPodsAfterScaleMs} ms); ${results.replicaset.warm.podsPerSecond.toLocaleString('en-US')}/s for a second ReplicaSet in the same processes`, verdict(results.replicaset.podsPerSecond >= 1000)],
  ['Deployment scaled 0→200 replicas until all available (one node, process runtime)', '≤ 10 s', `${(results.deploymentScale.allAvailableMs / 1000).toFixed(1)} s (all 200 pods created after ${(results.deploymentScale.allPodsCreatedMs / 1000).toFixed(1)} s)`, verdict(results.deploymentScale.allAvailableMs <= 10000)],
  ['Rolling update of 50 replicas, maxSurge 25% / maxUnavailable 25%', '≤ 15 s', `${(results.deploymentRollout.rollingUpdateMs / 1000).toFixed(1)} s (the initial rollout of 50 took ${(results.deploymentRollout.initialRolloutMs / 1000).toFixed(1)} s)`, verdict(results.deploymentRollout.rollingUpdateMs <= 15000)],
  ['500 pods to Running on one node, created by 4 concurrent clients', '≥ 50 pods/s', `${results.podThroughput.podsPerSecond}/s (${results.podThroughput.running}/${results.podThroughput.pods} Running after ${results.podThroughput.allRunningMs} ms; creates done after ${results.podThroughput.allCreatedMs} ms)`, verdict(results.podThroughput.running === results.podThroughput.pods && results.podThroughput.podsPerSecond >= 50)],
  ['Kubelet RSS with 100 running pods', '< 150 MB', `${results.kubeletMemory.kubeletRssMb} MB (idle ${results.kubeletMemory.kubeletIdleRssMb} MB; for information, ${results.kubeletMemory.shims} shims: ${results.kubeletMemory.shimTotalRssMb} MB RSS in total, ${results.kubeletMemory.shimTotalPssMb} MB PSS)`, verdict(results.kubeletMemory.running === results.kubeletMemory.pods && results.kubeletMemory.kubeletRssMb < 150)],
];

const md = `# Benchmarks

Measured by \`npm run bench\` (\`bench/run-all.mjs\`) on ${new Date().toISOString().slice(0, 10)}, on this
machine (${cpus().length} cores, Node ${process.version}), with the benchmark client and the API
server side by side on the same 2 cores. Each API benchmark starts a fresh API server (the real
bundle, LevelDB store, every write synced) on loopback; the scheduler benchmark adds the scheduler
bundle, and each pod benchmark runs a whole cluster (\`kctl cluster up\`: API server, scheduler, one
kubelet, the service proxy, real \`sleep\` processes through the native shim, each pod in its own
network namespace with a copy-on-write root) in a temp data dir.${quick ? ' (quick run: 3 s per load test)' : ''}

| What | Target | Measured | |
|---|---|---|---|
${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}

What the figures mean, their run-to-run variance and the targets not met: [benchmark-notes.md](benchmark-notes.md).

Raw figures:

\`\`\`json
${JSON.stringify(results, null, 2)}
\`\`\`
`;
writeFileSync(join(ROOT, 'docs', 'benchmarks.md'), md);
console.log('wrote docs/benchmarks.md');
