// Pods on a real cluster (kctl cluster up: API server, scheduler, kubelet, native shims, real
// `sleep` processes): start-up latency at a steady create rate, throughput to Running, and the
// kubelet's memory with 100 running pods. "Running" is what a watch on pods sees: phase Running
// with the container's state running — the moment a user's `kubectl get -w` would show it.
// Each benchmark gets its own cluster, and `cluster down` stops its workloads.
// Run alone: node bench/pods.mjs [latency|throughput|memory]
import { fileURLToPath } from 'node:url';
import { percentile, request, ms, watchEvents } from './support.mjs';
import { kubeletPid, processMemory, shimPids, startCluster } from './cluster-support.mjs';

const LABEL = 'pod-bench';
const PODS_PATH = '/api/v1/namespaces/default/pods';

const BENCH_CONFIG = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bench-config' }, data: { 'app.conf': 'level=info\n' } };

/** A pod as the pod benchmarks create it; with volumes, it also mounts an emptyDir and a ConfigMap. */
function benchPod(name, { volumes = false } = {}) {
  const container = { name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] };
  if (!volumes) return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: LABEL } }, spec: { restartPolicy: 'Always', containers: [container] } };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: LABEL } },
    spec: {
      restartPolicy: 'Always',
      volumes: [
        { name: 'scratch', emptyDir: {} },
        { name: 'config', configMap: { name: BENCH_CONFIG.metadata.name } },
      ],
      containers: [{ ...container, volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }, { name: 'config', mountPath: '/etc/app' }] }],
    },
  };
}

const isRunning = (pod) => pod.status?.phase === 'Running' && Boolean(pod.status?.containerStatuses?.[0]?.state?.running);

/**
 * Watches the bench pods from the current resourceVersion (taken before any create, so no event
 * is missed) and records when each was first seen Running. The time is taken when the chunk
 * arrives, before parsing, so JSON work in this process does not inflate the figures.
 */
async function watchRunning(base) {
  const list = JSON.parse((await request(base, 'GET', `${PODS_PATH}?limit=1`)).body);
  const runningAt = new Map();
  let waiter;
  let failure;
  const settle = () => {
    if (!waiter) return;
    if (failure) waiter.reject(failure);
    else if (runningAt.size >= waiter.count) waiter.resolve();
  };
  const req = watchEvents(`${base}${PODS_PATH}?watch=true&labelSelector=app%3D${LABEL}&resourceVersion=${list.metadata.resourceVersion}`, {
    onEvent: (event, receivedAt) => {
      const pod = event.object;
      if (event.type !== 'DELETED' && isRunning(pod) && !runningAt.has(pod.metadata.name)) runningAt.set(pod.metadata.name, receivedAt);
      settle();
    },
    onEnd: () => {
      failure ??= new Error('the watch ended before every pod was Running');
      settle();
    },
    onError: (err) => {
      failure ??= err;
      settle();
    },
  });
  return {
    runningAt,
    /** Resolves once `count` pods were seen Running; gives up (without throwing) at the deadline. */
    waitFor(count, timeoutMs) {
      let timer;
      return Promise.race([
        new Promise((resolve, reject) => {
          waiter = { count, resolve, reject };
          settle();
        }),
        new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
      ]).finally(() => clearTimeout(timer));
    },
    stop: () => req.destroy(),
  };
}

async function create(base, name, options) {
  const res = await request(base, 'POST', PODS_PATH, benchPod(name, options));
  if (res.status !== 201) throw new Error(`create ${name}: ${res.status} ${res.body}`);
}

/** Creates pods as fast as `clients` concurrent keep-alive clients allow; returns the send times. */
async function createClosedLoop(base, names, clients) {
  const sentAt = new Map();
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < names.length) {
        const name = names[next++];
        sentAt.set(name, performance.now());
        await create(base, name);
      }
    }),
  );
  return sentAt;
}

async function withCluster(options, fn) {
  const cluster = startCluster(options);
  try {
    return await fn(cluster);
  } finally {
    cluster.down();
  }
}

/**
 * `cluster up --detach` returns once the nodes are Ready, but the scheduler binds its first pod
 * only some hundreds of ms later; measured from there, the first second of creates would time the
 * scheduler's start-up rather than a pod's. So one pod outside the bench label is run to Running
 * first, and how long it took is reported beside the figures rather than hidden.
 */
async function warmUp(base, timeoutMs = 30_000) {
  const t0 = performance.now();
  await request(base, 'POST', PODS_PATH, { ...benchPod('warm-up'), metadata: { name: 'warm-up', labels: { app: 'warm-up' } } });
  while (performance.now() - t0 < timeoutMs) {
    const pod = JSON.parse((await request(base, 'GET', `${PODS_PATH}/warm-up`)).body);
    if (isRunning(pod)) return ms(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the warm-up pod did not reach Running');
}

const names = (n) => Array.from({ length: n }, (_, i) => `${LABEL}-${i}`);

export function podStartupLatency({ pods = 100, ratePerSecond = 20, timeoutMs = 60_000, volumes = false } = {}) {
  return withCluster({}, async (cluster) => {
    if (volumes) await request(cluster.base, 'POST', '/api/v1/namespaces/default/configmaps', BENCH_CONFIG);
    const firstPodAfterUpMs = await warmUp(cluster.base);
    const watch = await watchRunning(cluster.base);
    try {
      // Open loop: each create is sent on its own schedule, whether or not earlier ones have
      // answered, so a slow API server shows up as latency instead of a lower rate.
      const sentAt = new Map();
      const creates = [];
      const t0 = performance.now();
      for (const [i, name] of names(pods).entries()) {
        const due = t0 + (i * 1000) / ratePerSecond;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        sentAt.set(name, performance.now());
        creates.push(create(cluster.base, name, { volumes }));
      }
      await Promise.all(creates);
      await watch.waitFor(pods, timeoutMs);
      const latencies = [...watch.runningAt].map(([name, at]) => at - sentAt.get(name));
      return {
        pods,
        ratePerSecond,
        volumes,
        running: watch.runningAt.size,
        p50Ms: ms(percentile(latencies, 50)),
        p99Ms: ms(percentile(latencies, 99)),
        maxMs: ms(Math.max(...latencies)),
        firstPodAfterUpMs,
      };
    } finally {
      watch.stop();
    }
  });
}

export function podThroughput({ pods = 500, clients = 4, timeoutMs = 180_000 } = {}) {
  // One node, like the latency run; the kubelet's default max-pods (110) is raised so all 500 fit.
  return withCluster({ kubeletArgs: [`--max-pods=${pods + 10}`] }, async (cluster) => {
    await warmUp(cluster.base);
    const watch = await watchRunning(cluster.base);
    try {
      const t0 = performance.now();
      await createClosedLoop(cluster.base, names(pods), clients);
      const createdMs = performance.now() - t0;
      await watch.waitFor(pods, timeoutMs);
      const last = Math.max(...watch.runningAt.values());
      return {
        pods,
        clients,
        running: watch.runningAt.size,
        podsPerSecond: Math.round((watch.runningAt.size / (last - t0)) * 1000),
        allCreatedMs: ms(createdMs),
        allRunningMs: ms(last - t0),
      };
    } finally {
      watch.stop();
    }
  });
}

export function kubeletMemory({ pods = 100, settleSeconds = 5, timeoutMs = 60_000 } = {}) {
  return withCluster({}, async (cluster) => {
    const node = cluster.nodes[0];
    const pid = kubeletPid(cluster, node);
    const idle = processMemory(pid);
    const watch = await watchRunning(cluster.base);
    try {
      await createClosedLoop(cluster.base, names(pods), 4);
      await watch.waitFor(pods, timeoutMs);
    } finally {
      watch.stop();
    }
    // Steady state: sample for a few seconds once everything runs and keep the highest reading,
    // so a reading taken just after a garbage collection does not flatter the figure.
    let rssMb = 0;
    for (let i = 0; i < settleSeconds * 2; i++) {
      await new Promise((r) => setTimeout(r, 500));
      rssMb = Math.max(rssMb, processMemory(pid)?.rssMb ?? NaN);
    }
    const shims = shimPids(cluster, node).map(processMemory).filter(Boolean);
    const shimTotalMb = shims.reduce((sum, m) => sum + m.rssMb, 0);
    const shimTotalPssMb = shims.reduce((sum, m) => sum + m.pssMb, 0);
    return {
      pods,
      running: watch.runningAt.size,
      kubeletRssMb: ms(rssMb),
      kubeletPeakRssMb: ms(processMemory(pid)?.hwmMb),
      kubeletIdleRssMb: ms(idle?.rssMb),
      shims: shims.length,
      shimTotalRssMb: ms(shimTotalMb),
      shimMeanRssMb: ms(shimTotalMb / shims.length),
      shimTotalPssMb: ms(shimTotalPssMb),
    };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const which = process.argv[2];
  if (!which || which === 'latency') console.log('start-up latency', await podStartupLatency());
  if (!which || which === 'throughput') console.log('throughput', await podThroughput());
  if (!which || which === 'memory') console.log('kubelet memory', await kubeletMemory());
}
