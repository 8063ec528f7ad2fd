// Durable write throughput of the LevelDB store: a measurement, not a check, so it is skipped
// unless asked for:  KCTL_STORAGE_BENCH=1 npx vitest run --project apiserver level-write-throughput
// It reports creates/s for one sequential client and for 50 concurrent clients (group commit),
// and the average number of writes that shared one synced batch.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IndexedObjectStore } from './indexed-object-store.js';
import { LevelPersistence } from './level-persistence.js';
import type { StoreEvent } from './object-store.js';

class CountingLevelPersistence extends LevelPersistence {
  batches = 0;
  override commit(events: readonly StoreEvent[]): Promise<void> {
    this.batches += 1;
    return super.commit(events);
  }
}

/** A Pod of typical size (~1.3 KB as JSON). */
const samplePod = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'bench', uid: crypto.randomUUID(), labels: { app: 'bench', tier: 'web' }, creationTimestamp: new Date().toISOString() },
  spec: {
    containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'sleep 3600'], resources: { requests: { cpu: '100m', memory: '64Mi' } }, ports: [{ containerPort: 8080, protocol: 'TCP' }] }],
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    schedulerName: 'default-scheduler',
    tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
  },
  status: { phase: 'Pending', qosClass: 'Burstable', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: 'waiting for a node' }] },
});

async function measure(clients: number, createsPerClient: number) {
  const directory = await mkdtemp(join(tmpdir(), 'kctl-store-bench-'));
  const persistence = new CountingLevelPersistence(directory);
  const store = new IndexedObjectStore(persistence);
  await store.open();
  try {
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        for (let i = 0; i < createsPerClient; i++) await store.create(`/registry/pods/bench/c${client}-${i}`, samplePod(`c${client}-${i}`));
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const writes = clients * createsPerClient;
    expect(store.currentRevision()).toBe(writes);
    return { clients, writes, createsPerSecond: Math.round(writes / seconds), writesPerBatch: +(writes / persistence.batches).toFixed(1) };
  } finally {
    await store.close();
    await rm(directory, { recursive: true, force: true });
  }
}

describe.runIf(process.env.KCTL_STORAGE_BENCH)('LevelDB store write throughput', () => {
  it('measures durable creates per second', async () => {
    const results = [await measure(1, 2_000), await measure(10, 500), await measure(50, 200), await measure(50, 400)];
    console.table(results);
  }, 120_000);
});
