// Listing 1,000 pods as a Table, and one event reaching 100 watchers.
import http from 'node:http';
import { percentile, podManifest, request, ms, watchEvents } from './support.mjs';

const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

export async function listTable(base, { pods = 1000, runs = 30, namespace = 'listing' } = {}) {
  await request(base, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  for (let i = 0; i < pods; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, pods - i) }, (_, j) => request(base, 'POST', `/api/v1/namespaces/${namespace}/pods`, podManifest(`list-${i + j}`))));
  }
  const times = [];
  let rows = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const res = await request(base, 'GET', `/api/v1/namespaces/${namespace}/pods`, undefined, { Accept: TABLE_ACCEPT });
    times.push(performance.now() - t0);
    rows = JSON.parse(res.body).rows.length;
  }
  return { pods: rows, medianMs: ms(percentile(times, 50)), p99Ms: ms(percentile(times, 99)), maxMs: ms(Math.max(...times)) };
}

export async function watchFanOut(base, { watchers = 100, rounds = 50 } = {}) {
  await request(base, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fan' }, data: { round: '0' } });
  const agent = new http.Agent({ keepAlive: true, maxSockets: watchers + 10 });
  const pending = new Map(); // round → { sentAt, remaining, latencies }
  const deliveries = [];
  const allReached = [];
  const streams = [];
  for (let i = 0; i < watchers; i++) {
    const stream = watchEvents(`${base}/api/v1/namespaces/default/configmaps?watch=true&fieldSelector=metadata.name%3Dfan`, {
      agent,
      onEvent: (event, receivedAt) => {
        const entry = pending.get(Number(event.object?.data?.round));
        if (event.type !== 'MODIFIED' || !entry) return;
        deliveries.push(receivedAt - entry.sentAt);
        if (--entry.remaining === 0) {
          allReached.push(receivedAt - entry.sentAt);
          entry.done();
        }
      },
    });
    streams.push(stream);
  }
  await new Promise((r) => setTimeout(r, 300));
  for (let round = 1; round <= rounds; round++) {
    const done = new Promise((resolve) => pending.set(round, { sentAt: performance.now(), remaining: watchers, done: resolve }));
    await request(base, 'PATCH', '/api/v1/namespaces/default/configmaps/fan', { data: { round: String(round) } }, { 'Content-Type': 'application/merge-patch+json' });
    await Promise.race([done, new Promise((r) => setTimeout(r, 5000))]);
  }
  streams.forEach((s) => s.destroy());
  agent.destroy();
  return {
    watchers,
    rounds,
    perDeliveryP50Ms: ms(percentile(deliveries, 50)),
    perDeliveryP99Ms: ms(percentile(deliveries, 99)),
    allWatchersP50Ms: ms(percentile(allReached, 50)),
    allWatchersP99Ms: ms(percentile(allReached, 99)),
  };
}
