import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '@kctl/shared';
import type { ResourceType } from '@kctl/shared';
import { FakeDescribeClient, list } from './fake-client.test-support.js';
import { describeObject } from './index.js';

const NOW = new Date('2024-05-01T10:05:00Z');
const type = (name: string) => defaultCatalog.resolve(name) as ResourceType;

describe('describeObject: configmap and secret', () => {
  it('prints configmap data under "----" rules, then binary sizes and events', async () => {
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg', namespace: 'default', uid: 'uid-cm' },
      data: { 'b.conf': 'x=1', a: 'hello' },
      binaryData: { logo: Buffer.from([1, 2, 3]).toString('base64') },
    };
    const client = new FakeDescribeClient({ '/api/v1/namespaces/default/events': list([]) });
    const text = await describeObject(client, type('cm'), cm, { showEvents: true, now: NOW });
    expect(text).toBe(
      [
        'Name:         cfg',
        'Namespace:    default',
        'Labels:       <none>',
        'Annotations:  <none>',
        '',
        'Data',
        '====',
        'a:',
        '----',
        'hello',
        '',
        'b.conf:',
        '----',
        'x=1',
        '',
        '',
        'BinaryData',
        '====',
        'logo: 3 bytes',
        '',
        'Events:  <none>',
        '',
      ].join('\n'),
    );
  });

  it('prints secret sizes, never values', async () => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', namespace: 'default' },
      type: 'Opaque',
      data: { password: Buffer.from('s3cret!').toString('base64'), user: Buffer.from('admin').toString('base64') },
    };
    const client = new FakeDescribeClient({});
    const text = await describeObject(client, type('secrets'), secret, { showEvents: true, now: NOW });
    expect(text).toBe(
      ['Name:         db', 'Namespace:    default', 'Labels:       <none>', 'Annotations:  <none>', '', 'Type:  Opaque', '', 'Data', '====', 'password:  7 bytes', 'user:      5 bytes', ''].join('\n'),
    );
    expect(client.requests).toEqual([]);
  });
});
