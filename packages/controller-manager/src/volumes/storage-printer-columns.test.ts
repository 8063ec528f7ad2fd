// `kubectl get pv|pvc|sc` for what these controllers create, through the shared server-side
// printers, checked against /work/shared/reference/printer-columns.md §3.19-3.21.
import { describe, expect, it } from 'vitest';
import { printerFor } from '@kctl/shared';
import type { KubernetesObject } from '@kctl/shared';
import { defaultStorageClass } from './default-storage-class.js';
import { LOCAL_PATH_PROVISIONER, provisionedVolume } from './local-path-provisioner.js';
import type { PersistentVolumeClaim } from './volume-types.js';

const now = new Date('2025-01-10T12:00:00Z');
const created = { creationTimestamp: '2025-01-10T11:58:00Z' };
const header = (group: string, resource: string, wide = false) =>
  printerFor(group, resource).columns.filter((c) => wide || c.priority === 0).map((c) => c.name.toUpperCase()).join(' ');
const cells = (group: string, resource: string, obj: object) => printerFor(group, resource).cells(obj as KubernetesObject, now);

const claim: PersistentVolumeClaim = {
  metadata: { name: 'data', namespace: 'default', uid: 'u1', ...created },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'local-path', volumeName: 'pvc-u1', volumeMode: 'Filesystem' },
  status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } },
};

describe('storage columns', () => {
  it('prints the headers kubectl 1.32 prints', () => {
    expect(header('', 'persistentvolumes')).toBe('NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS VOLUMEATTRIBUTESCLASS REASON AGE');
    expect(header('', 'persistentvolumes', true)).toMatch(/ AGE VOLUMEMODE$/);
    expect(header('', 'persistentvolumeclaims')).toBe('NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE');
    expect(header('', 'persistentvolumeclaims', true)).toMatch(/ AGE VOLUMEMODE$/);
    expect(header('storage.k8s.io', 'storageclasses')).toBe('NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE');
  });

  it('prints a provisioned volume, its bound claim and the default class', () => {
    const sc = defaultStorageClass(LOCAL_PATH_PROVISIONER);
    const pv = provisionedVolume(claim, sc, '/var/lib/kctl/local-path/pvc-u1_default_data');
    const boundPv = { ...pv, metadata: { ...pv.metadata, ...created }, status: { phase: 'Bound' } };
    expect(cells('', 'persistentvolumes', boundPv)).toEqual(['pvc-u1', '1Gi', 'RWO', 'Delete', 'Bound', 'default/data', 'local-path', '<unset>', '', '2m', 'Filesystem']);
    expect(cells('', 'persistentvolumeclaims', claim)).toEqual(['data', 'Bound', 'pvc-u1', '1Gi', 'RWO', 'local-path', '<unset>', '2m', 'Filesystem']);
    const pending = { ...claim, spec: { ...claim.spec, volumeName: undefined }, status: { phase: 'Pending' } };
    expect(cells('', 'persistentvolumeclaims', pending).slice(1, 5)).toEqual(['Pending', '', '', '']);
    const storedClass = { ...sc, metadata: { ...sc.metadata, ...created } };
    expect(cells('storage.k8s.io', 'storageclasses', storedClass)).toEqual(['local-path (default)', 'kctl.io/local-path', 'Delete', 'Immediate', false, '2m']);
  });
});
