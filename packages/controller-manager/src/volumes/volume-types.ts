// The slices of PersistentVolume, PersistentVolumeClaim and StorageClass the volume controllers
// read and write, plus the annotations they share (pkg/controller/volume/persistentvolume/util).
import type { LabelSelectorSpec, ObjectMeta } from '@kctl/shared';

export interface ObjectReference {
  kind?: string;
  apiVersion?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  resourceVersion?: string;
}

export type Quantities = Record<string, string | number>;

export interface PersistentVolume {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec?: {
    capacity?: Quantities;
    accessModes?: string[];
    claimRef?: ObjectReference;
    persistentVolumeReclaimPolicy?: string;
    storageClassName?: string;
    volumeMode?: string;
    hostPath?: { path: string; type?: string };
    [source: string]: unknown;
  };
  status?: { phase?: string; message?: string; reason?: string; lastPhaseTransitionTime?: string };
}

export interface PersistentVolumeClaim {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec?: {
    accessModes?: string[];
    selector?: LabelSelectorSpec;
    resources?: { requests?: Quantities; limits?: Quantities };
    volumeName?: string;
    storageClassName?: string;
    volumeMode?: string;
  };
  status?: { phase?: string; accessModes?: string[]; capacity?: Quantities };
}

export interface StorageClass {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  provisioner?: string;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  parameters?: Record<string, string>;
}

/** Set on a claim once binding finished; from then on the claim is synced as bound (AnnBindCompleted). */
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
/** The controller, not the user, filled in the binding (AnnBoundByController). */
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
/** The provisioner that created a volume and must delete it (AnnDynamicallyProvisioned). */
export const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
/** Which provisioner a claim waits for (AnnStorageProvisioner) and its beta twin. */
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
/** The node the scheduler chose for a WaitForFirstConsumer claim (AnnSelectedNode). */
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
/** The class a pre-storageClassName object names; it wins over the spec field when present. */
export const ANN_BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';
export const ANN_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
export const ANN_BETA_DEFAULT_CLASS = 'storageclass.beta.kubernetes.io/is-default-class';

export const PV_PHASE = { pending: 'Pending', available: 'Available', bound: 'Bound', released: 'Released', failed: 'Failed' } as const;
export const CLAIM_PHASE = { pending: 'Pending', bound: 'Bound', lost: 'Lost' } as const;

export const nameOf = (obj: { metadata?: ObjectMeta }): string => obj.metadata?.name ?? '';
export const namespaceOf = (obj: { metadata?: ObjectMeta }): string => obj.metadata?.namespace ?? '';
export const uidOf = (obj: { metadata?: ObjectMeta }): string => obj.metadata?.uid ?? '';
export const claimKey = (claim: PersistentVolumeClaim): string => `${namespaceOf(claim)}/${nameOf(claim)}`;

export function hasAnnotation(obj: { metadata?: ObjectMeta }, key: string): boolean {
  return Object.hasOwn(obj.metadata?.annotations ?? {}, key);
}
