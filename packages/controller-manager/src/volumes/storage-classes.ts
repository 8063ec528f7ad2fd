// Which class an object asks for and which class is the default: the helpers of
// k8s.io/component-helpers/storage/volume (GetPersistentVolume[Claim]Class,
// PersistentVolumeClaimHasClass) and pkg/volume/util.GetDefaultClass.
import {
  ANN_BETA_DEFAULT_CLASS,
  ANN_BETA_STORAGE_CLASS,
  ANN_DEFAULT_CLASS,
  type PersistentVolume,
  type PersistentVolumeClaim,
  type StorageClass,
} from './volume-types.js';

/** The beta annotation wins when present, even empty; "" means "no class". */
export function volumeClassOf(pv: PersistentVolume): string {
  const annotations = pv.metadata?.annotations ?? {};
  if (Object.hasOwn(annotations, ANN_BETA_STORAGE_CLASS)) return annotations[ANN_BETA_STORAGE_CLASS] ?? '';
  return pv.spec?.storageClassName ?? '';
}

export function claimClassOf(claim: PersistentVolumeClaim): string {
  const annotations = claim.metadata?.annotations ?? {};
  if (Object.hasOwn(annotations, ANN_BETA_STORAGE_CLASS)) return annotations[ANN_BETA_STORAGE_CLASS] ?? '';
  return claim.spec?.storageClassName ?? '';
}

/** An explicit "" is a choice (no class); only an absent name is open to the default class. */
export function claimHasClass(claim: PersistentVolumeClaim): boolean {
  return Object.hasOwn(claim.metadata?.annotations ?? {}, ANN_BETA_STORAGE_CLASS) || claim.spec?.storageClassName !== undefined;
}

export function isDefaultClass(sc: StorageClass): boolean {
  const annotations = sc.metadata?.annotations ?? {};
  return annotations[ANN_DEFAULT_CLASS] === 'true' || annotations[ANN_BETA_DEFAULT_CLASS] === 'true';
}

/** Several defaults are allowed (since 1.26): the newest wins, then the first name. */
export function defaultClassOf(classes: readonly StorageClass[]): StorageClass | undefined {
  const created = (sc: StorageClass) => Date.parse(sc.metadata?.creationTimestamp ?? '') || 0;
  return classes
    .filter(isDefaultClass)
    .sort((a, b) => created(b) - created(a) || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''))[0];
}

/** storagehelpers.IsDelayBindingMode: the class binds only once a pod using the claim is scheduled. */
export function isDelayBinding(claim: PersistentVolumeClaim, classes: readonly StorageClass[]): boolean {
  const name = claimClassOf(claim);
  if (name === '') return false;
  return classes.find((sc) => sc.metadata?.name === name)?.volumeBindingMode === 'WaitForFirstConsumer';
}
