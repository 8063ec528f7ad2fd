import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { probeNodes, readinessOf } from './node-readiness.js';
import { describeNotReady, waitUntilClusterReady } from './readiness.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** An API stand-in that knows only the given Node objects. */
async function apiWithNodes(nodes: Record<string, unknown>): Promise<string> {
  const server = createServer((request, response) => {
    if (request.url === '/readyz') return void response.end('ok');
    const name = request.url?.replace('/api/v1/nodes/', '') ?? '';
    const node = nodes[name];
    response.writeHead(node ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(node ?? { kind: 'Status', code: 404 }));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

const withReady = (status: string) => ({ status: { conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status }] } });

describe('node readiness', () => {
  it('reads the Ready condition as kubectl does', () => {
    expect(readinessOf(withReady('True'))).toBe('Ready');
    expect(readinessOf(withReady('False'))).toBe('NotReady');
    expect(readinessOf(withReady('Unknown'))).toBe('Unknown');
    expect(readinessOf({})).toBe('Unknown');
  });

  it('asks the API server about each node', async () => {
    const server = await apiWithNodes({ a: withReady('True'), b: withReady('False') });
    expect(await probeNodes(server, ['a', 'b', 'c'])).toEqual(new Map([['a', 'Ready'], ['b', 'NotReady'], ['c', 'not registered']]));
    expect(await probeNodes('http://127.0.0.1:1', ['a'])).toEqual(new Map([['a', 'no answer']]));
  });

  it('waits for the API, then names the nodes that never became Ready', async () => {
    const server = await apiWithNodes({ a: withReady('True'), b: withReady('False') });
    expect(await waitUntilClusterReady(server, ['a'], { timeoutMs: 2_000 })).toBeUndefined();
    const notReady = await waitUntilClusterReady(server, ['a', 'b', 'c'], { timeoutMs: 300 });
    expect(notReady && describeNotReady(server, notReady)).toBe('not every node became Ready: node b (NotReady), node c (not registered)');
    const noApi = await waitUntilClusterReady('http://127.0.0.1:1', ['a'], { timeoutMs: 100 });
    expect(noApi && describeNotReady('http://127.0.0.1:1', noApi)).toBe('the API server at http://127.0.0.1:1 did not become ready');
  });
});
