// Deployment benchmarks (issue 5) on a real one-node cluster (process runtime, kubelet max-pods
// raised to 250): a Deployment scaled from 0 to 200 replicas until status.availableReplicas is
// 200, and a rolling update of 50 replicas (maxSurge 25%, maxUnavailable 25%) until the rollout
// is complete as `kubectl rollout status` judges it. Pods run `sleep 3600` without a readiness
// probe, so "available" means Running and Ready as the kubelet reports it.
import { request, ms } from './support.mjs';
import { startCluster } from './cluster-support.mjs';

const DEPLOYMENTS = '/apis/apps/v1/namespaces/default/deployments';
const MERGE = { 'Content-Type': 'application/merge-patch+json' };

function deployment(name, replicas, strategy) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      strategy,
      template: {
        metadata: { labels: { app: name } },
        spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'main', image: 'busybox', command: ['sleep', '3600'], env: [{ name: 'ROUND', value: '0' }] }] },
      },
    },
  };
}

async function readDeployment(base, name) {
  return JSON.parse((await request(base, 'GET', `${DEPLOYMENTS}/${name}`)).body);
}

async function patch(base, name, body) {
  const res = await request(base, 'PATCH', `${DEPLOYMENTS}/${name}`, body, MERGE);
  if (res.status !== 200) throw new Error(`patch ${name}: ${res.status} ${res.body}`);
}

/** Polls every 25 ms until `done(d)`; resolves with the elapsed ms (or throws at the deadline). */
async function until(base, name, done, t0, timeoutMs) {
  for (;;) {
    const d = await readDeployment(base, name);
    if (done(d)) return performance.now() - t0;
    if (performance.now() - t0 > timeoutMs) throw new Error(`${name}: not done after ${timeoutMs} ms: ${JSON.stringify(d.status)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const observed = (d) => (d.status?.observedGeneration ?? 0) >= d.metadata.generation;
const rolledOut = (d, n) =>
  observed(d) && d.status?.updatedReplicas === n && d.status?.replicas === n && d.status?.availableReplicas === n;

async function withCluster(fn) {
  const cluster = startCluster({ nodes: 1, kubeletArgs: ['--max-pods=250'] });
  try {
    return await fn(cluster);
  } finally {
    cluster.down();
  }
}

/** A Deployment of 0 scaled to `replicas`: time until every replica is available. */
export function deploymentScaleUp({ replicas = 200, timeoutMs = 120_000 } = {}) {
  return withCluster(async ({ base }) => {
    const name = 'bench-scale';
    await request(base, 'POST', DEPLOYMENTS, deployment(name, 0, { type: 'RollingUpdate' }));
    await until(base, name, observed, performance.now(), 30_000);
    const t0 = performance.now();
    await patch(base, name, { spec: { replicas } });
    let allCreatedMs;
    const availableMs = await until(
      base,
      name,
      (d) => {
        if (allCreatedMs === undefined && d.status?.replicas === replicas) allCreatedMs = performance.now() - t0;
        return observed(d) && d.status?.availableReplicas === replicas;
      },
      t0,
      timeoutMs,
    );
    return { replicas, allPodsCreatedMs: ms(allCreatedMs ?? availableMs), allAvailableMs: ms(availableMs) };
  });
}

/** A Deployment of `replicas`, all available, given a new template: time until the rollout completes. */
export function deploymentRollingUpdate({ replicas = 50, maxSurge = '25%', maxUnavailable = '25%', timeoutMs = 120_000 } = {}) {
  return withCluster(async ({ base }) => {
    const name = 'bench-rollout';
    await request(base, 'POST', DEPLOYMENTS, deployment(name, replicas, { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } }));
    const readyMs = await until(base, name, (d) => rolledOut(d, replicas), performance.now(), timeoutMs);
    const t0 = performance.now();
    const template = deployment(name, replicas).spec.template;
    template.spec.containers[0].env[0].value = '1';
    await patch(base, name, { spec: { template } });
    const completeMs = await until(base, name, (d) => rolledOut(d, replicas) && d.metadata.annotations?.['deployment.kubernetes.io/revision'] === '2', t0, timeoutMs);
    return { replicas, maxSurge, maxUnavailable, initialRolloutMs: ms(readyMs), rollingUpdateMs: ms(completeMs) };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log('deployment 0 -> 200', await deploymentScaleUp());
  console.log('rolling update of 50', await deploymentRollingUpdate());
}
