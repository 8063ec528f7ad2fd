import { describe, expect, it } from 'vitest';
import type { KubernetesObject } from '../api/object-types.js';
import { buildTable } from './build-table.js';
import { printerFor } from './printer-registry.js';

const now = new Date('2025-01-10T12:00:00Z');
const pod: KubernetesObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-0', namespace: 'default', uid: 'u1', resourceVersion: '7', creationTimestamp: '2025-01-10T11:55:00Z', labels: { app: 'web' } },
  spec: { containers: [{ name: 'web', image: 'nginx' }] },
  status: { phase: 'Succeeded' },
};
const pods = printerFor('', 'pods');

describe('buildTable', () => {
  it('returns a meta.k8s.io/v1 Table with every column and PartialObjectMetadata rows by default', () => {
    const table = buildTable([pod], pods, { now, listMeta: { resourceVersion: '42', continue: 'c', remainingItemCount: 3, selfLink: '/x' } });
    expect(table).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: '42', continue: 'c', remainingItemCount: 3 } });
    expect(table.metadata).not.toHaveProperty('selfLink');
    expect(table.columnDefinitions).toBe(pods.columns);
    expect(table.rows).toEqual([
      {
        cells: ['web-0', '0/1', 'Succeeded', '0', '5m', '<none>', '<none>', '<none>', '<none>'],
        conditions: [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }],
        object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: pod.metadata },
      },
    ]);
  });

  it('embeds the full object for includeObject=Object and none for None', () => {
    expect(buildTable([pod], pods, { now, includeObject: 'Object' }).rows[0]?.object).toBe(pod);
    expect(buildTable([pod], pods, { now, includeObject: 'None' }).rows[0]).not.toHaveProperty('object');
  });

  it('omits empty row conditions and the column definitions when asked (watch events after the first)', () => {
    const running = { ...pod, status: { phase: 'Running' } };
    const table = buildTable([running], pods, { now, noHeaders: true });
    expect(table.columnDefinitions).toBeNull();
    expect(table.rows[0]).not.toHaveProperty('conditions');
    expect(table.metadata).toEqual({});
  });
});
