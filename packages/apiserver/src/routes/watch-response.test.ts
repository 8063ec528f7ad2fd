// Real sockets: watch streams need headers flushed at once and chunked events.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from '@kctl/shared';
import type { WatchEvent } from '@kctl/shared';
import { apiFixture, pod, TABLE } from '../test-support/api-fixture.test-support.js';
import type { ApiFixture } from '../test-support/api-fixture.test-support.js';

let api: ApiFixture;
let client: ApiClient;
beforeEach(async () => {
  api = await apiFixture({ bookmarkIntervalMs: 100 });
  const address = await api.app.listen({ port: 0, host: '127.0.0.1' });
  client = new ApiClient({ server: address, namespace: 'default' });
});
afterEach(async () => {
  client.close();
  await api.close();
});

const PODS = '/api/v1/namespaces/default/pods';

async function collect(gen: AsyncGenerator<WatchEvent>, count: number, abort: AbortController): Promise<WatchEvent[]> {
  const events: WatchEvent[] = [];
  for await (const e of gen) {
    events.push(e);
    if (events.length === count) abort.abort();
  }
  return events;
}

describe('watch', () => {
  it('starts with ADDED for current objects, then streams live changes filtered by selectors', async () => {
    await api.call('POST', PODS, pod('a'));
    await api.call('POST', PODS, { ...pod('other'), metadata: { name: 'other', labels: { app: 'db' } } });
    const abort = new AbortController();
    const events = collect(client.watch(PODS, { labelSelector: 'app=web' }, { signal: abort.signal }), 4, abort);
    await new Promise((r) => setTimeout(r, 50));
    await api.call('POST', PODS, pod('b'));
    await api.call('PATCH', `${PODS}/b`, { metadata: { labels: { app: 'db' } } }, { 'content-type': 'application/merge-patch+json' });
    await api.call('PATCH', `${PODS}/other`, { metadata: { labels: { app: 'web' } } }, { 'content-type': 'application/merge-patch+json' });
    expect((await events).map((e) => `${e.type} ${e.object.metadata?.name}`)).toEqual(['ADDED a', 'ADDED b', 'DELETED b', 'ADDED other']);
  });

  it('resumes from a resourceVersion with exactly the missed events', async () => {
    const first = (await api.call('POST', PODS, pod('a'))).body;
    await api.call('POST', PODS, pod('b'));
    await api.call('DELETE', `${PODS}/a`);
    const abort = new AbortController();
    const events = await collect(client.watch(PODS, { resourceVersion: first.metadata.resourceVersion }, { signal: abort.signal }), 2, abort);
    expect(events.map((e) => `${e.type} ${e.object.metadata?.name}`)).toEqual(['ADDED b', 'DELETED a']);
  });

  it('answers a compacted resourceVersion with an ERROR event carrying 410 Expired', async () => {
    for (let i = 0; i < 5; i++) await api.call('POST', PODS, pod(`p${i}`));
    await api.store.compact(api.store.currentRevision() - 1);
    const events: WatchEvent[] = [];
    for await (const e of client.watch(PODS, { resourceVersion: '1' })) events.push(e);
    expect(events).toHaveLength(1);
    expect(events[0]?.type).toBe('ERROR');
    expect(events[0]?.object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
  });

  it('ends the stream after timeoutSeconds, with bookmarks only when asked', async () => {
    const created = (await api.call('POST', PODS, pod('a'))).body;
    const started = Date.now();
    const plain: WatchEvent[] = [];
    for await (const e of client.watch(PODS, { timeoutSeconds: 1, resourceVersion: created.metadata.resourceVersion })) plain.push(e);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(plain).toHaveLength(0);
    const withBookmarks: WatchEvent[] = [];
    for await (const e of client.watch(PODS, { timeoutSeconds: 1, allowWatchBookmarks: 'true', resourceVersion: created.metadata.resourceVersion })) withBookmarks.push(e);
    expect(withBookmarks.length).toBeGreaterThan(2);
    expect(withBookmarks[0]).toEqual({ type: 'BOOKMARK', object: { kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: created.metadata.resourceVersion } } });
  });

  it('sends one-row Tables with column definitions only on the first event', async () => {
    const abort = new AbortController();
    const events = collect(client.watch(PODS, {}, { signal: abort.signal, accept: TABLE.accept }), 2, abort);
    await new Promise((r) => setTimeout(r, 50));
    await api.call('POST', PODS, pod('a'));
    await api.call('POST', PODS, pod('b'));
    const [one, two] = (await events) as unknown as Array<{ object: { kind: string; columnDefinitions: unknown[] | null; rows: unknown[] } }>;
    expect(one?.object.kind).toBe('Table');
    expect(one?.object.columnDefinitions).toHaveLength(9);
    expect(two?.object.columnDefinitions).toBeNull();
    expect(two?.object.rows).toHaveLength(1);
  });
});
