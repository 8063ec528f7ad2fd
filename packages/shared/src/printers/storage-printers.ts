// PersistentVolumes, PersistentVolumeClaims and StorageClasses.
import type { IPersistentVolume, IPersistentVolumeClaim } from 'kubernetes-models/v1';
import type { IStorageClass } from 'kubernetes-models/storage.k8s.io/v1';
import type { ObjectMeta } from '../api/object-types.js';
import { age } from './human-duration.js';
import { ageColumn, column, definePrinter, nameColumn, wideColumn } from './printer.js';

/** Beta-era class annotation, still honoured ahead of spec.storageClassName when present (even empty). */
const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';
const DEFAULT_CLASS_ANNOTATIONS = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

/** GetAccessModesAsString: de-duplicated, abbreviated and always in this order. */
const ACCESS_MODE_ABBREVIATIONS: ReadonlyArray<[mode: string, short: string]> = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

function accessModesCell(modes: string[] | undefined): string {
  const present = new Set(modes ?? []);
  return ACCESS_MODE_ABBREVIATIONS.filter(([mode]) => present.has(mode)).map(([, short]) => short).join(',');
}

/** The canonical quantity string as stored; a missing quantity is the zero Quantity, "0". */
function storageQuantityCell(resources: Record<string, string | number> | undefined): string {
  const quantity = resources?.['storage'];
  return quantity === undefined ? '0' : String(quantity);
}

function storageClassOf(metadata: ObjectMeta | undefined, specClassName: string | undefined): string {
  const annotations = metadata?.annotations ?? {};
  if (Object.hasOwn(annotations, BETA_STORAGE_CLASS_ANNOTATION)) return annotations[BETA_STORAGE_CLASS_ANNOTATION] ?? '';
  return specClassName ?? '';
}

function phaseOrTerminating(metadata: ObjectMeta | undefined, phase: string | undefined): string {
  return metadata?.deletionTimestamp ? 'Terminating' : (phase ?? '');
}

export const persistentVolumePrinter = definePrinter<IPersistentVolume>({
  columns: [
    nameColumn(),
    column('Capacity', 'The actual storage capacity of the volume.'),
    column('Access Modes', 'All ways the volume can be mounted.'),
    column('Reclaim Policy', 'What happens to the volume when released from its claim.'),
    column('Status', 'Phase of the volume.'),
    column('Claim', 'The claim bound to this volume.'),
    column('StorageClass', 'StorageClass of the pv'),
    column('VolumeAttributesClass', 'VolumeAttributesClass of the pv'),
    column('Reason', 'Human-readable reason for a failed volume.'),
    ageColumn(),
    wideColumn('VolumeMode', 'Whether the volume is a formatted filesystem or a raw block device.'),
  ],
  cells(pv, now) {
    const spec = pv.spec;
    const claim = spec?.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : '';
    return [
      pv.metadata?.name ?? '',
      storageQuantityCell(spec?.capacity),
      accessModesCell(spec?.accessModes),
      spec?.persistentVolumeReclaimPolicy ?? '',
      phaseOrTerminating(pv.metadata, pv.status?.phase),
      claim,
      storageClassOf(pv.metadata, spec?.storageClassName),
      spec?.volumeAttributesClassName ?? '<unset>',
      pv.status?.reason ?? '',
      age(pv.metadata?.creationTimestamp, now),
      spec?.volumeMode ?? '<unset>',
    ];
  },
});

export const persistentVolumeClaimPrinter = definePrinter<IPersistentVolumeClaim>({
  columns: [
    nameColumn(),
    column('Status', 'Phase of the claim.'),
    column('Volume', 'The volume bound to this claim.'),
    column('Capacity', 'The actual capacity of the bound volume.'),
    column('Access Modes', 'The access modes of the bound volume.'),
    column('StorageClass', 'StorageClass of the pvc'),
    column('VolumeAttributesClass', 'VolumeAttributesClass of the pvc'),
    ageColumn(),
    wideColumn('VolumeMode', 'Whether the claim wants a formatted filesystem or a raw block device.'),
  ],
  cells(pvc, now) {
    // Capacity and access modes describe the bound volume, so an unbound claim shows neither
    // (the request is never shown).
    const bound = Boolean(pvc.spec?.volumeName);
    return [
      pvc.metadata?.name ?? '',
      phaseOrTerminating(pvc.metadata, pvc.status?.phase),
      pvc.spec?.volumeName ?? '',
      bound ? storageQuantityCell(pvc.status?.capacity) : '',
      bound ? accessModesCell(pvc.status?.accessModes) : '',
      storageClassOf(pvc.metadata, pvc.spec?.storageClassName),
      pvc.spec?.volumeAttributesClassName ?? '<unset>',
      age(pvc.metadata?.creationTimestamp, now),
      pvc.spec?.volumeMode ?? '<unset>',
    ];
  },
});

function isDefaultClass(sc: IStorageClass): boolean {
  const annotations = sc.metadata?.annotations ?? {};
  return DEFAULT_CLASS_ANNOTATIONS.some((key) => annotations[key] === 'true');
}

export const storageClassPrinter = definePrinter<IStorageClass>({
  columns: [
    nameColumn(),
    column('Provisioner', 'The volume plugin that provisions volumes of this class.'),
    column('ReclaimPolicy', 'Reclaim policy of dynamically provisioned volumes.'),
    column('VolumeBindingMode', 'When volumes are provisioned and bound.'),
    // Declared string upstream but emitted as a JSON boolean.
    column('AllowVolumeExpansion', 'Whether volumes of this class can be expanded.'),
    ageColumn(),
  ],
  cells: (sc, now) => [
    // The marker is part of the name cell, so `get all`-style output reads `…/standard (default)`.
    `${sc.metadata?.name ?? ''}${isDefaultClass(sc) ? ' (default)' : ''}`,
    sc.provisioner ?? '',
    sc.reclaimPolicy ?? 'Delete',
    sc.volumeBindingMode ?? 'Immediate',
    sc.allowVolumeExpansion ?? false,
    age(sc.metadata?.creationTimestamp, now),
  ],
});
