// Scheduler throughput against many Node objects (no kubelets behind them): the pods are created
// first, then the scheduler starts; pods bound per second is measured from the first binding to
// the last one, as seen by a watch. The upstream scheduler_perf gate is 270 pods/s.
// Run alone: node bench/scheduler.mjs [nodes] [pods]
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, request, startApiServer, ms, watchEvents } from './support.mjs';

export const SCHEDULER = join(ROOT, 'packages/scheduler/dist/kctl-scheduler.mjs');

function benchNode(name) {
  const resources = { cpu: '32', memory: '128Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': `zone-${name.length % 3}` } },
    status: { capacity: resources, allocatable: resources, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

function benchPod(name) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'sched-bench' } },
    spec: { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'], resources: { requests: { cpu: '100m', memory: '64Mi' } } }] },
  };
}

async function createAll(base, path, objects, concurrency = 64) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < objects.length) {
        const obj = objects[next++];
        const res = await request(base, 'POST', path, obj);
        if (res.status !== 201) throw new Error(`create ${obj.metadata.name}: ${res.status} ${res.body}`);
      }
    }),
  );
}

/** Resolves with the times at which each pod was first seen bound, once all `count` are. */
function watchBindings(base, resourceVersion, count) {
  return new Promise((resolve, reject) => {
    const boundAt = new Map();
    const req = watchEvents(`${base}/api/v1/namespaces/default/pods?watch=true&labelSelector=app%3Dsched-bench&resourceVersion=${resourceVersion}`, {
      onEvent: (event, receivedAt) => {
        const pod = event.object;
        if (pod.spec?.nodeName && !boundAt.has(pod.metadata.name)) boundAt.set(pod.metadata.name, { at: receivedAt, node: pod.spec.nodeName });
        if (boundAt.size === count) {
          req.destroy();
          resolve(boundAt);
        }
      },
      onError: (err) => (err.code === 'ECONNRESET' ? undefined : reject(err)),
    });
  });
}

export async function schedulerThroughput({ nodes = 1000, pods = 1000 } = {}) {
  const api = await startApiServer();
  let scheduler;
  try {
    await createAll(api.base, '/api/v1/nodes', Array.from({ length: nodes }, (_, i) => benchNode(`node-${i}`)));
    await createAll(api.base, '/api/v1/namespaces/default/pods', Array.from({ length: pods }, (_, i) => benchPod(`bench-${i}`)));
    const list = JSON.parse((await request(api.base, 'GET', '/api/v1/namespaces/default/pods?limit=1')).body);
    const bindings = watchBindings(api.base, list.metadata.resourceVersion, pods);
    const startedAt = performance.now();
    scheduler = spawn(process.execPath, [SCHEDULER, '--kubeconfig', api.kubeconfig, '--log-level', 'warn'], { stdio: ['ignore', 'ignore', 'inherit'] });
    const boundAt = await bindings;
    const times = [...boundAt.values()].map((b) => b.at);
    const first = Math.min(...times);
    const last = Math.max(...times);
    const nodesUsed = new Set([...boundAt.values()].map((b) => b.node)).size;
    return {
      nodes,
      pods,
      podsPerSecond: Math.round((pods / (last - first)) * 1000),
      firstBindingAfterStartMs: ms(first - startedAt),
      allBoundAfterStartMs: ms(last - startedAt),
      nodesUsed,
    };
  } finally {
    if (scheduler && scheduler.exitCode === null) {
      const exited = new Promise((r) => scheduler.once('exit', r));
      scheduler.kill('SIGTERM');
      await exited;
    }
    await api.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [nodes, pods] = process.argv.slice(2).map(Number);
  console.log(await schedulerThroughput({ ...(nodes ? { nodes } : {}), ...(pods ? { pods } : {}) }));
}
