// Storage kinds: PersistentVolume, PersistentVolumeClaim and StorageClass, with their
// SetDefaults_* values, the required fields Kubernetes checks, and what may not change later.
import { fieldErrors, metaTime, type FieldError, type KubernetesObject } from '@kctl/shared';
import { immutableFieldError } from './metadata-validation.js';
import { isRecord, jsonEqual, sectionOf, type JsonRecord } from './object-access.js';
import { describeDiff } from './spec-diff.js';
import type { KindRules } from './strategy-builder.js';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const PV_SOURCES = [
  'gcePersistentDisk', 'awsElasticBlockStore', 'hostPath', 'glusterfs', 'nfs', 'rbd', 'iscsi', 'cinder', 'cephfs', 'fc', 'flocker',
  'flexVolume', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'local',
  'storageos', 'csi',
];

const specOf = (obj: KubernetesObject): JsonRecord => (isRecord(obj.spec) ? obj.spec : {});

function validateAccessModes(spec: JsonRecord, path: string, requiredDetail = ''): FieldError[] {
  const modes = Array.isArray(spec.accessModes) ? spec.accessModes : [];
  if (modes.length === 0) return [fieldErrors.required(`${path}.accessModes`, requiredDetail)];
  return modes.filter((mode) => !ACCESS_MODES.includes(String(mode))).map((mode) => fieldErrors.notSupported(`${path}.accessModes`, mode, ACCESS_MODES));
}

function validateVolumeMode(spec: JsonRecord, path: string): FieldError[] {
  const mode = spec.volumeMode;
  return mode === undefined || mode === 'Block' || mode === 'Filesystem' ? [] : [fieldErrors.notSupported(`${path}.volumeMode`, mode, ['Block', 'Filesystem'])];
}

export const persistentVolumeRules: KindRules = {
  defaults: (pv) => {
    sectionOf(pv, 'status').phase ||= 'Pending';
    const spec = sectionOf(pv, 'spec');
    spec.persistentVolumeReclaimPolicy ||= 'Retain';
    spec.volumeMode ??= 'Filesystem';
  },
  initialStatus: () => ({ phase: 'Pending', lastPhaseTransitionTime: metaTime(new Date()) }),
  // The status strategy stamps a phase change unless the client set a new time itself
  // (pkg/registry/core/persistentvolume/strategy.go, PersistentVolumeLastPhaseTransitionTime).
  prepareForStatusUpdate: (pv, old) => {
    const status = sectionOf(pv, 'status');
    const oldStatus = isRecord(old.status) ? old.status : {};
    if (status.phase === oldStatus.phase) {
      status.lastPhaseTransitionTime ??= oldStatus.lastPhaseTransitionTime;
    } else if (status.lastPhaseTransitionTime === undefined || status.lastPhaseTransitionTime === oldStatus.lastPhaseTransitionTime) {
      status.lastPhaseTransitionTime = metaTime(new Date());
    }
  },
  validate: (pv) => {
    const spec = specOf(pv);
    const errs = validateAccessModes(spec, 'spec');
    const capacity = isRecord(spec.capacity) ? spec.capacity : {};
    if (Object.keys(capacity).length === 0) errs.push(fieldErrors.required('spec.capacity'));
    else if (!('storage' in capacity) || Object.keys(capacity).length > 1) errs.push(fieldErrors.notSupported('spec.capacity', capacity, ['storage']));
    const policy = spec.persistentVolumeReclaimPolicy;
    if (policy !== undefined && !['Delete', 'Recycle', 'Retain'].includes(String(policy))) {
      errs.push(fieldErrors.notSupported('spec.persistentVolumeReclaimPolicy', policy, ['Delete', 'Recycle', 'Retain']));
    }
    const sources = PV_SOURCES.filter((key) => spec[key] !== undefined);
    if (sources.length === 0) errs.push(fieldErrors.required('spec', 'must specify a volume type'));
    for (const extra of sources.slice(1)) errs.push(fieldErrors.forbidden(`spec.${extra}`, 'may not specify more than 1 volume type'));
    return [...errs, ...validateVolumeMode(spec, 'spec')];
  },
  validateUpdate: (pv, old) => {
    const spec = specOf(pv);
    const oldSpec = specOf(old);
    const errs: FieldError[] = [];
    const sourceOf = (s: JsonRecord) => PV_SOURCES.map((key) => s[key]);
    if (!jsonEqual(sourceOf(spec), sourceOf(oldSpec))) {
      errs.push(fieldErrors.forbidden('spec.persistentvolumesource', 'spec.persistentvolumesource is immutable after creation'));
    }
    if (!jsonEqual(spec.volumeMode, oldSpec.volumeMode)) errs.push(immutableFieldError('spec.volumeMode', spec.volumeMode ?? null));
    return errs;
  },
};

const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

function isClassUpgradeFromNil(old: KubernetesObject, oldSpec: JsonRecord, spec: JsonRecord): boolean {
  const oldAnnotations = isRecord(old.metadata?.annotations) ? old.metadata.annotations : {};
  if (Object.hasOwn(oldAnnotations, BETA_STORAGE_CLASS_ANNOTATION)) return false;
  return oldSpec.storageClassName === undefined && typeof spec.storageClassName === 'string' && spec.storageClassName !== '';
}

export const persistentVolumeClaimRules: KindRules = {
  defaults: (pvc) => {
    sectionOf(pvc, 'status').phase ||= 'Pending';
    sectionOf(pvc, 'spec').volumeMode ??= 'Filesystem';
  },
  initialStatus: () => ({ phase: 'Pending' }),
  validate: (pvc) => {
    const spec = specOf(pvc);
    const errs = validateAccessModes(spec, 'spec', 'at least 1 access mode is required');
    const requests = ((spec.resources ?? {}) as JsonRecord).requests;
    if (!isRecord(requests) || requests.storage === undefined) errs.push(fieldErrors.required('spec.resources[storage]'));
    return [...errs, ...validateVolumeMode(spec, 'spec')];
  },
  // Only a bound claim's size (expansion) and the binding itself may change.
  validateUpdate: (pvc, old) => {
    const comparable = (spec: JsonRecord, volumeName: unknown): JsonRecord => {
      const { resources, volumeAttributesClassName: _vac, ...rest } = spec;
      const { requests: _requests, ...otherResources } = isRecord(resources) ? resources : {};
      return { ...rest, resources: otherResources, volumeName };
    };
    const spec = specOf(pvc);
    const oldSpec = specOf(old);
    const volumeName = oldSpec.volumeName ? spec.volumeName : undefined;
    const before = comparable(oldSpec, oldSpec.volumeName || undefined);
    const after = comparable(spec, volumeName);
    // RetroactiveDefaultStorageClass (GA in 1.28): a claim created without a class may have one set
    // once (validateStorageClassUpgradeFromNil), which is how the default class reaches old claims.
    if (isClassUpgradeFromNil(old, oldSpec, spec)) after.storageClassName = undefined;
    if (jsonEqual(before, after)) return [];
    const detail = `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${describeDiff(before, after)}`;
    return [fieldErrors.forbidden('spec', detail)];
  },
};

export const storageClassRules: KindRules = {
  defaults: (sc) => {
    sc.reclaimPolicy ||= 'Delete';
    sc.volumeBindingMode ||= 'Immediate';
  },
  validate: (sc) => {
    const errs: FieldError[] = [];
    if (!sc.provisioner) errs.push(fieldErrors.required('provisioner'));
    if (!['Delete', 'Retain'].includes(String(sc.reclaimPolicy))) errs.push(fieldErrors.notSupported('reclaimPolicy', sc.reclaimPolicy, ['Delete', 'Retain']));
    if (!['Immediate', 'WaitForFirstConsumer'].includes(String(sc.volumeBindingMode))) {
      errs.push(fieldErrors.notSupported('volumeBindingMode', sc.volumeBindingMode, ['Immediate', 'WaitForFirstConsumer']));
    }
    return errs;
  },
  validateUpdate: (sc, old) => {
    const errs: FieldError[] = [];
    for (const field of ['parameters', 'provisioner', 'reclaimPolicy'] as const) {
      if (!jsonEqual(sc[field], old[field])) errs.push(fieldErrors.forbidden(field, `updates to ${field} are forbidden.`));
    }
    if (sc.volumeBindingMode !== old.volumeBindingMode) errs.push(immutableFieldError('volumeBindingMode', sc.volumeBindingMode));
    return errs;
  },
};
