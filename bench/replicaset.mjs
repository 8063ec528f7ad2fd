// ReplicaSet controller reconcile rate on hollow pods: an API server and the real controller
// manager only (no scheduler, no kubelet, so pods stay Pending). One ReplicaSet is scaled from 0
// to N through the scale subresource; the rate is N over the time from that write to the last
// pod creation seen by a watch. Issue 5's target: at least 1,000 pods created per second.
// Run alone: node bench/replicaset.mjs [pods] [controller-manager bundle]
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, request, startApiServer, ms, watchEvents } from './support.mjs';

export const CONTROLLER_MANAGER = join(ROOT, 'packages/controller-manager/dist/kctl-controller-manager.mjs');
const RS_PATH = '/apis/apps/v1/namespaces/default/replicasets';

function benchReplicaSet(name) {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] } },
    },
  };
}

async function expectStatus(res, status, what) {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${res.body}`);
  return JSON.parse(res.body);
}

/** Polls until the controller manager has synced the ReplicaSet (observedGeneration written). */
async function waitForObserved(base, name) {
  for (let i = 0; i < 500; i++) {
    const rs = JSON.parse((await request(base, 'GET', `${RS_PATH}/${name}`)).body);
    if (rs.status?.observedGeneration === rs.metadata.generation) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the controller manager never synced the ReplicaSet');
}

/** Resolves with the arrival time of every pod's ADDED event once `count` have arrived. */
function watchCreations(base, app, resourceVersion, count) {
  return new Promise((resolve, reject) => {
    const times = [];
    const req = watchEvents(`${base}/api/v1/namespaces/default/pods?watch=true&labelSelector=app%3D${app}&resourceVersion=${resourceVersion}`, {
      onEvent: (event, receivedAt) => {
        if (event.type !== 'ADDED') return;
        times.push(receivedAt);
        if (times.length === count) {
          req.destroy();
          resolve(times);
        }
      },
      onError: (err) => (err.code === 'ECONNRESET' ? undefined : reject(err)),
    });
  });
}

/** Creates a ReplicaSet of 0, waits until the manager synced it, scales it to `pods` and times the creations. */
async function scaleAndTime(base, name, pods) {
  await expectStatus(await request(base, 'POST', RS_PATH, benchReplicaSet(name)), 201, 'create replicaset');
  await waitForObserved(base, name);
  const list = await expectStatus(await request(base, 'GET', '/api/v1/namespaces/default/pods?limit=1'), 200, 'list pods');
  const created = watchCreations(base, name, list.metadata.resourceVersion, pods);
  const scaledAt = performance.now();
  await expectStatus(
    await request(base, 'PATCH', `${RS_PATH}/${name}/scale`, { spec: { replicas: pods } }, { 'Content-Type': 'application/merge-patch+json' }),
    200,
    'scale',
  );
  const times = await created;
  const last = Math.max(...times);
  const first = Math.min(...times);
  return {
    pods,
    podsPerSecond: Math.round((pods / (last - scaledAt)) * 1000),
    firstPodAfterScaleMs: ms(first - scaledAt),
    allPodsAfterScaleMs: ms(last - scaledAt),
  };
}

/**
 * The headline figure is the cold one: fresh processes, so it includes V8 warming up on the
 * create path (the first 500-pod burst runs about twice as slow as the later ones). `warm`
 * repeats the scale-up with a second ReplicaSet in the same processes, which is the steady rate.
 */
export async function replicaSetCreationRate({ pods = 2000, controllerManager = CONTROLLER_MANAGER } = {}) {
  const api = await startApiServer();
  let manager;
  try {
    manager = spawn(process.execPath, [controllerManager, '--kubeconfig', api.kubeconfig, '--log-level', 'warn'], { stdio: ['ignore', 'ignore', 'inherit'] });
    const cold = await scaleAndTime(api.base, 'rs-bench', pods);
    const warm = await scaleAndTime(api.base, 'rs-bench-warm', pods);
    return { ...cold, warm: { podsPerSecond: warm.podsPerSecond, firstPodAfterScaleMs: warm.firstPodAfterScaleMs, allPodsAfterScaleMs: warm.allPodsAfterScaleMs } };
  } finally {
    if (manager && manager.exitCode === null) {
      const exited = new Promise((r) => manager.once('exit', r));
      manager.kill('SIGTERM');
      await exited;
    }
    await api.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // node bench/replicaset.mjs [pods] [controller-manager bundle, to compare builds]
  const [pods, controllerManager] = process.argv.slice(2);
  console.log(await replicaSetCreationRate({ ...(Number(pods) ? { pods: Number(pods) } : {}), ...(controllerManager ? { controllerManager } : {}) }));
}
