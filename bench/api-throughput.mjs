// Durable creates/s at 50 concurrent clients, open-loop create latency at 1,500/s, and
// single-object GETs/s — client (this process) and server side by side on this machine.
import autocannon from 'autocannon';
import { percentile, podManifest, request, ms } from './support.mjs';

export async function closedLoopCreates(base, { connections = 50, durationSeconds = 10 } = {}) {
  const payload = JSON.stringify(podManifest('payload'));
  let n = 0;
  const result = await autocannon({
    url: `${base}/api/v1/namespaces/default/configmaps`,
    method: 'POST',
    connections,
    duration: durationSeconds,
    headers: { 'content-type': 'application/json' },
    // Every request creates a new object (valid DNS names: a counter, not autocannon's ids).
    requests: [
      {
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${n++}` }, data: { payload } }) }),
      },
    ],
  });
  return {
    createsPerSecond: Math.round(result.requests.average),
    non2xx: result.non2xx,
    errors: result.errors,
    p99Ms: result.latency.p99,
  };
}

/**
 * Open loop: requests leave on schedule whatever the server does; latency counts from the
 * scheduled send time. The first `warmupSeconds` (JIT, connection set-up) are reported apart
 * from the steady state the target is about.
 */
export async function openLoopCreates(base, { ratePerSecond = 1500, durationSeconds = 10, warmupSeconds = 2 } = {}) {
  const total = ratePerSecond * (durationSeconds + warmupSeconds);
  const warmupCount = ratePerSecond * warmupSeconds;
  const interval = 1000 / ratePerSecond;
  const steady = [];
  const warmup = [];
  let failures = 0;
  const start = performance.now() + 50;
  const inflight = [];
  for (let i = 0; i < total; i++) {
    const scheduled = start + i * interval;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inflight.push(
      request(base, 'POST', '/api/v1/namespaces/default/pods', podManifest(`open-${i}`)).then(
        (res) => {
          if (res.status !== 201) failures++;
          (i < warmupCount ? warmup : steady).push(performance.now() - scheduled);
        },
        () => failures++,
      ),
    );
  }
  await Promise.all(inflight);
  const achieved = total / ((performance.now() - start) / 1000);
  return {
    ratePerSecond,
    achievedRate: Math.round(achieved),
    p50Ms: ms(percentile(steady, 50)),
    p99Ms: ms(percentile(steady, 99)),
    maxMs: ms(Math.max(...steady)),
    warmupP99Ms: ms(percentile(warmup, 99)),
    failures,
  };
}

export async function singleGets(base, { connections = 50, durationSeconds = 10 } = {}) {
  await request(base, 'POST', '/api/v1/namespaces/default/pods', podManifest('get-target'));
  const result = await autocannon({ url: `${base}/api/v1/namespaces/default/pods/get-target`, connections, duration: durationSeconds });
  return { getsPerSecond: Math.round(result.requests.average), p99Ms: result.latency.p99, non2xx: result.non2xx };
}
