import { describe, expect, it } from 'vitest';
import { ApiError, defaultCatalog } from '@kctl/shared';
import type { KubernetesObject, Query, WatchEvent } from '@kctl/shared';
import { timeoutMs, waitFor } from './wait.js';
import type { WaitClient } from './wait/wait-for-object.js';

type Stream = Array<WatchEvent<KubernetesObject>>;

/** Serves GET/LIST from `objects` and plays one scripted stream per watch call; afterwards watches hang until aborted. */
function fakeClient(objects: Record<string, KubernetesObject>, streams: Stream[]) {
  const watches: Query[] = [];
  const client: WaitClient = {
    get: <T>(path: string) => {
      const name = path.split('/').pop() ?? '';
      if (path.endsWith('/pods')) return Promise.resolve({ metadata: { resourceVersion: '10' }, items: Object.values(objects) } as T);
      const obj = objects[name];
      return obj ? Promise.resolve(obj as T) : Promise.reject(new ApiError(404, 'NotFound', `pods "${name}" not found`));
    },
    watch: async function* <T>(_path: string, query: Query = {}, opts: { signal?: AbortSignal } = {}) {
      watches.push(query);
      const stream = streams.shift();
      if (stream) {
        for (const event of stream) yield event as WatchEvent<T>;
        return;
      }
      await new Promise((resolve) => opts.signal?.addEventListener('abort', resolve));
    } as WaitClient['watch'],
  };
  return { client, watches };
}

const ctx = { catalog: defaultCatalog, namespace: 'default' };
const pending = { metadata: { name: 'x', resourceVersion: '5' }, status: { phase: 'Pending' } };
const running = { metadata: { name: 'x', resourceVersion: '12' }, status: { phase: 'Running' } };

async function run(client: WaitClient, args: string[], opts: { for: string; timeout: string }) {
  const io = { out: '', err: '' };
  await waitFor(client, ctx, args, opts, { out: (t) => (io.out += t), err: (t) => (io.err += t) });
  return io;
}

describe('kctl wait', () => {
  it('watches from the list revision and re-watches from the last seen one when a stream ends', async () => {
    const { client, watches } = fakeClient({ x: pending }, [[{ type: 'MODIFIED', object: { ...pending, metadata: { name: 'x', resourceVersion: '11' } } }], [{ type: 'MODIFIED', object: running }]]);
    const io = await run(client, ['pod/x'], { for: 'jsonpath={.status.phase}=Running', timeout: '5s' });
    expect(io.out).toBe('pod/x condition met\n');
    expect(watches.map((q) => [q.fieldSelector, q.resourceVersion])).toEqual([
      ['metadata.name=x', '10'],
      ['metadata.name=x', '11'],
    ]);
  });

  it('times out with kubectl\'s message', async () => {
    const { client } = fakeClient({ x: pending }, []);
    await expect(run(client, ['pods', 'x'], { for: 'condition=Ready', timeout: '50ms' })).rejects.toThrow('timed out waiting for the condition on pods/x');
  });

  it('succeeds silently for --for=delete of an object that is already gone', async () => {
    const { client } = fakeClient({}, []);
    expect(await run(client, ['pod/gone'], { for: 'delete', timeout: '1s' })).toEqual({ out: '', err: '' });
  });

  it('waits for the DELETED event of an existing object', async () => {
    const { client } = fakeClient({ x: pending }, [[{ type: 'MODIFIED', object: running }, { type: 'DELETED', object: running }]]);
    expect((await run(client, ['pod/x'], { for: 'delete', timeout: '1s' })).out).toBe('pod/x condition met\n');
  });

  it('fails for a missing object when waiting for a condition, and checks once with --timeout=0', async () => {
    const { client } = fakeClient({ x: pending }, []);
    await expect(run(client, ['pod/nope'], { for: 'condition=Ready', timeout: '1s' })).rejects.toThrow('pods "nope" not found');
    await expect(run(client, ['pod/x'], { for: 'condition=Ready', timeout: '0' })).rejects.toThrow('condition not met for pods/x');
  });

  it('turns a negative timeout into a week', () => {
    expect(timeoutMs('-1s')).toBe(7 * 24 * 3_600_000);
  });
});
