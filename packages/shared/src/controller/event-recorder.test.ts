import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiClient } from '../client/api-client.js';
import { EventRecorder } from './event-recorder.js';

interface Call {
  method: string;
  url: string;
  body: any;
}

describe('EventRecorder', () => {
  let server: http.Server;
  let client: ApiClient;
  let calls: Call[];

  beforeEach(async () => {
    calls = [];
    server = http.createServer((req, res) => {
      let text = '';
      req.on('data', (c) => (text += c));
      req.on('end', () => {
        calls.push({ method: req.method ?? '', url: req.url ?? '', body: JSON.parse(text) });
        res.writeHead(req.method === 'POST' ? 201 : 200, { 'Content-Type': 'application/json' }).end(text);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    client = new ApiClient({ server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, namespace: 'default' });
  });

  afterEach(async () => {
    client.close();
    await new Promise((r) => server.close(r));
  });

  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'prod', uid: 'u1', resourceVersion: '7' } };

  it('creates a core/v1 Event about the object, then counts repeats on the same Event', async () => {
    const recorder = new EventRecorder(client, { component: 'default-scheduler' }, { clock: () => new Date('2025-01-02T03:04:05.678Z') });
    await recorder.record(pod, 'Warning', 'FailedScheduling', 'no nodes', { action: 'Scheduling' });
    await recorder.record(pod, 'Warning', 'FailedScheduling', 'no nodes', { action: 'Scheduling' });
    await recorder.record(pod, 'Warning', 'FailedScheduling', 'other message', { action: 'Scheduling' });
    expect(calls.map((c) => c.method)).toEqual(['POST', 'PATCH', 'POST']);
    const created = calls[0]!;
    expect(created.url).toBe('/api/v1/namespaces/prod/events');
    expect(created.body).toMatchObject({
      metadata: { namespace: 'prod' },
      involvedObject: { kind: 'Pod', namespace: 'prod', name: 'web', uid: 'u1', apiVersion: 'v1', resourceVersion: '7' },
      type: 'Warning',
      reason: 'FailedScheduling',
      message: 'no nodes',
      source: { component: 'default-scheduler' },
      reportingComponent: 'default-scheduler',
      firstTimestamp: '2025-01-02T03:04:05Z',
      count: 1,
    });
    expect(created.body.metadata.name).toMatch(/^web\.[0-9a-f]+$/);
    expect(calls[1]!.url).toBe(`/api/v1/namespaces/prod/events/${created.body.metadata.name}`);
    expect(calls[1]!.body).toEqual({ count: 2, lastTimestamp: '2025-01-02T03:04:05Z' });
  });
});
