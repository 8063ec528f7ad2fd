import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from './api-client.js';
import { Informer } from './informer.js';
import { defaultCatalog } from '../api/resource-catalog.js';
import type { KubernetesObject } from '../api/object-types.js';
import { FakeWatchServer } from './fake-watch-server.test-support.js';

const podType = defaultCatalog.resolve('pods')!;
const FAST_BACKOFF = { initialMs: 10, maxMs: 40 };

async function eventually(check: () => void, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

describe('Informer', () => {
  let server: FakeWatchServer;
  let client: ApiClient;
  let informer: Informer;
  let seen: string[];

  function startInformer(opts = {}): Promise<void> {
    informer = new Informer(client, podType, { namespace: 'default', reconnectBackoff: FAST_BACKOFF, ...opts });
    const name = (o: KubernetesObject) => o.metadata?.name ?? '';
    informer.onAdd((o) => seen.push(`add ${name(o)}`));
    informer.onUpdate((o, old) => seen.push(`update ${name(o)} ${old.metadata?.resourceVersion}->${o.metadata?.resourceVersion}`));
    informer.onDelete((o) => seen.push(`delete ${name(o)}`));
    return informer.start();
  }

  beforeEach(async () => {
    server = new FakeWatchServer();
    await server.listen();
    client = new ApiClient({ server: server.url, namespace: 'default' });
    seen = [];
  });

  afterEach(async () => {
    informer?.stop();
    client.close();
    await server.close();
  });

  it('lists, then watches from the list resourceVersion with bookmarks allowed', async () => {
    server.put('a');
    server.put('b');
    await startInformer({ labelSelector: 'app=web' });
    expect(informer.hasSynced).toBe(true);
    expect(seen).toEqual(['add a', 'add b']);
    expect(informer.list().map((p) => p.kind)).toEqual(['Pod', 'Pod']);
    expect(informer.resourceVersion).toBe('102');
    await eventually(() => expect(server.watches).toHaveLength(1));
    const watch = new URLSearchParams(server.watches[0]);
    expect(watch.get('resourceVersion')).toBe('102');
    expect(watch.get('allowWatchBookmarks')).toBe('true');
    expect(watch.get('labelSelector')).toBe('app=web');
    server.put('c');
    server.put('a', { spec: { nodeName: 'n1' } });
    server.remove('b');
    await eventually(() => expect(seen).toEqual(['add a', 'add b', 'add c', 'update a 101->104', 'delete b']));
    expect(informer.get('default', 'a')?.spec).toEqual({ nodeName: 'n1' });
    expect(informer.get('default', 'b')).toBeUndefined();
  });

  it('keeps cached objects frozen', async () => {
    server.put('a', { spec: { containers: [{ name: 'c' }] } });
    await startInformer();
    const pod = informer.get('default', 'a') as { spec: { containers: Array<{ name: string }> } };
    expect(() => {
      pod.spec.containers[0]!.name = 'changed';
    }).toThrow(TypeError);
  });

  it('re-watches from the last bookmark when a watch ends', async () => {
    server.put('a');
    await startInformer();
    await eventually(() => expect(server.openWatches).toBe(1));
    server.putSilently('x'); // advances the revision without an event for this watch
    server.bookmark();
    await eventually(() => expect(informer.resourceVersion).toBe('102'));
    server.endWatches();
    await eventually(() => expect(server.watches).toHaveLength(2));
    expect(new URLSearchParams(server.watches[1]).get('resourceVersion')).toBe('102');
    expect(server.lists).toBe(1);
  });

  it('re-lists on 410 Expired and emits the adds, updates and deletes it missed', async () => {
    server.put('keep');
    server.put('change');
    server.put('gone');
    await startInformer();
    await eventually(() => expect(server.openWatches).toBe(1));
    // While the watch is away, the world moves on and the history is compacted.
    server.putSilently('change', { spec: { nodeName: 'n1' } });
    server.removeSilently('gone');
    server.putSilently('new');
    server.compact();
    server.endWatches();
    await eventually(() => expect(seen.slice(3)).toEqual(['update change 102->104', 'add new', 'delete gone']));
    expect(server.lists).toBe(2);
    expect(informer.list().map((p) => p.metadata?.name).sort()).toEqual(['change', 'keep', 'new']);
  });

  it('survives the API server going down and resumes without missing a change', async () => {
    server.put('a');
    await startInformer();
    await eventually(() => expect(server.openWatches).toBe(1));
    await server.close();
    await new Promise((r) => setTimeout(r, 100)); // a few refused reconnects
    server.put('made-while-down'); // in the history, but no watcher is connected to hear it
    await server.listen();
    // The history survived the restart: resume, not re-list.
    server.put('after-restart');
    await eventually(() => expect(seen).toEqual(['add a', 'add made-while-down', 'add after-restart']));
    expect(server.lists).toBe(1);
  });

  it('delivers every object to onUpdate on each resync', async () => {
    server.put('a');
    await startInformer({ resyncMs: 50 });
    await eventually(() => expect(seen).toContain('update a 101->101'));
    expect(server.lists).toBeGreaterThanOrEqual(2);
  });

  it('fans every event out to each of several handlers', async () => {
    server.put('a');
    await startInformer();
    const second: string[] = [];
    informer.onUpdate((o) => second.push(`update ${o.metadata?.name}`));
    informer.onDelete((o) => second.push(`delete ${o.metadata?.name}`));
    server.put('a', { spec: { nodeName: 'n1' } });
    server.remove('a');
    await eventually(() => expect(second).toEqual(['update a', 'delete a']));
    expect(seen).toEqual(['add a', 'update a 101->102', 'delete a']);
  });

  it('hands a handler registered after the sync the cached objects as adds, then the later events', async () => {
    server.put('a');
    server.put('b');
    await startInformer();
    const late: string[] = [];
    informer.onAdd((o) => late.push(`add ${o.metadata?.name}`));
    expect(late).toEqual(['add a', 'add b']);
    server.put('c');
    await eventually(() => expect(late).toEqual(['add a', 'add b', 'add c']));
    expect(seen).toEqual(['add a', 'add b', 'add c']);
  });

  it('does not replay the cache to a handler registered before the sync', async () => {
    server.put('a');
    informer = new Informer(client, podType, { namespace: 'default' });
    const started = informer.start();
    const early: string[] = [];
    informer.onAdd((o) => early.push(`add ${o.metadata?.name}`));
    await started;
    expect(early).toEqual(['add a']);
  });

  it('keeps going when a handler throws', async () => {
    const failures: unknown[] = [];
    informer = new Informer(client, podType, { namespace: 'default', onHandlerError: (e) => failures.push(e) });
    informer.onAdd(() => {
      throw new Error('boom');
    });
    server.put('a');
    await informer.start();
    server.put('b');
    await eventually(() => expect(failures).toHaveLength(2));
    expect(informer.list()).toHaveLength(2);
  });
});
