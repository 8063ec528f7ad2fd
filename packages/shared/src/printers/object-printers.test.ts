// Golden cells for Events, ConfigMaps, Secrets, ServiceAccounts, storage, Leases,
// RuntimeClasses and the default Name + Created At table.
import { describe, expect, it } from 'vitest';
import type { KubernetesObject } from '../api/object-types.js';
import { printerFor } from './printer-registry.js';

const now = new Date('2025-01-10T12:00:00Z');
const ago = (seconds: number): string => new Date(now.getTime() - seconds * 1000).toISOString();
const metadata = { name: 'x', creationTimestamp: ago(3600) };
const cells = (group: string, resource: string, obj: KubernetesObject): unknown[] => printerFor(group, resource).cells(obj, now);

describe('event printer', () => {
  const pulled = {
    metadata: { name: 'web-0.17a', namespace: 'default' },
    involvedObject: { kind: 'Pod', name: 'web-0', fieldPath: 'spec.containers{web}' },
    reason: 'Pulled',
    message: '  Successfully pulled image "nginx"\nin 1.2s ',
    type: 'Normal',
    source: { component: 'kubelet', host: 'node-1' },
    firstTimestamp: ago(40),
    lastTimestamp: ago(12),
    count: 1,
  };

  it('prints the kubelet pull event, wide columns included', () => {
    expect(cells('', 'events', pulled)).toEqual([
      '12s', 'Normal', 'Pulled', 'pod/web-0', 'spec.containers{web}', 'kubelet, node-1', 'Successfully pulled image "nginx"\nin 1.2s', '40s', 1, 'web-0.17a',
    ]);
  });

  it('falls back to eventTime and the reporting fields, and counts a singleton as 1', () => {
    const modern = { metadata: { name: 'e' }, involvedObject: { kind: 'Node' }, eventTime: ago(5), reportingComponent: 'scheduler', type: 'Normal', reason: 'R', message: 'm' };
    const row = cells('events.k8s.io', 'events', modern);
    expect([row[0], row[3], row[5], row[7], row[8]]).toEqual(['5s', 'node', 'scheduler', '5s', 1]);
  });

  it('takes LAST SEEN and COUNT from the series of a repeated event', () => {
    const series = { ...pulled, series: { count: 7, lastObservedTime: ago(3) } };
    const row = cells('', 'events', series);
    expect([row[0], row[8]]).toEqual(['3s', 7]);
  });
});

describe('config printers', () => {
  it('counts ConfigMap data and binaryData keys', () => {
    expect(cells('', 'configmaps', { metadata, data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } })).toEqual(['x', 3, '60m']);
  });

  it('prints the Secret type and key count', () => {
    expect(cells('', 'secrets', { metadata, type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } })).toEqual(['x', 'kubernetes.io/tls', 2, '60m']);
    expect(cells('', 'secrets', { metadata })).toEqual(['x', 'Opaque', 0, '60m']);
  });

  it('counts ServiceAccount secrets', () => {
    expect(cells('', 'serviceaccounts', { metadata })).toEqual(['x', 0, '60m']);
    expect(cells('', 'serviceaccounts', { metadata, secrets: [{ name: 't' }] })).toEqual(['x', 1, '60m']);
  });
});

describe('storage printers', () => {
  it('prints a bound PersistentVolume', () => {
    const pv = {
      metadata: { ...metadata, annotations: { 'volume.beta.kubernetes.io/storage-class': 'legacy' } },
      spec: {
        capacity: { storage: '10Gi' },
        accessModes: ['ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Retain',
        claimRef: { namespace: 'default', name: 'data' },
        storageClassName: 'standard',
        volumeMode: 'Filesystem',
      },
      status: { phase: 'Bound' },
    };
    expect(cells('', 'persistentvolumes', pv)).toEqual(['x', '10Gi', 'RWO,RWX', 'Retain', 'Bound', 'default/data', 'legacy', '<unset>', '', '60m', 'Filesystem']);
  });

  it('prints Terminating and placeholders for a bare PersistentVolume', () => {
    expect(cells('', 'persistentvolumes', { metadata: { ...metadata, deletionTimestamp: ago(1) }, spec: {}, status: { phase: 'Released' } })).toEqual([
      'x', '0', '', '', 'Terminating', '', '', '<unset>', '', '60m', '<unset>',
    ]);
  });

  it('shows a claim capacity only once bound', () => {
    const pending = { metadata, spec: { storageClassName: 'standard', resources: { requests: { storage: '1Gi' } } }, status: { phase: 'Pending' } };
    expect(cells('', 'persistentvolumeclaims', pending)).toEqual(['x', 'Pending', '', '', '', 'standard', '<unset>', '60m', '<unset>']);
    const bound = { metadata, spec: { volumeName: 'pv-1', storageClassName: 'standard' }, status: { phase: 'Bound', capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] } };
    expect(cells('', 'persistentvolumeclaims', bound).slice(1, 5)).toEqual(['Bound', 'pv-1', '1Gi', 'RWO']);
  });

  it('marks the default StorageClass in its name and defaults the policies', () => {
    const sc = { metadata: { ...metadata, name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'rancher.io/local-path' };
    expect(cells('storage.k8s.io', 'storageclasses', sc)).toEqual(['standard (default)', 'rancher.io/local-path', 'Delete', 'Immediate', false, '60m']);
  });
});

describe('lease and runtimeclass printers', () => {
  it('prints the holder and the handler', () => {
    expect(cells('coordination.k8s.io', 'leases', { metadata, spec: { holderIdentity: 'node-1' } })).toEqual(['x', 'node-1', '60m']);
    expect(cells('coordination.k8s.io', 'leases', { metadata, spec: {} })).toEqual(['x', '', '60m']);
    expect(cells('node.k8s.io', 'runtimeclasses', { metadata, handler: 'runc' })).toEqual(['x', 'runc', '60m']);
  });
});

describe('default printer', () => {
  it('prints Name and an RFC 3339 UTC Created At date for unknown resources', () => {
    const printer = printerFor('rbac.authorization.k8s.io', 'roles');
    expect(printer.columns.map((c) => [c.name, c.type])).toEqual([['Name', 'string'], ['Created At', 'date']]);
    expect(printer.cells({ metadata: { name: 'r', creationTimestamp: '2025-01-10T10:00:00.000+01:00' } }, now)).toEqual(['r', '2025-01-10T09:00:00Z']);
    expect(printer.cells({ metadata: { name: 'r' } }, now)).toEqual(['r', '0001-01-01T00:00:00Z']);
  });
});
