import { describe, expect, it } from 'vitest';
import { claimStatusFor, decideClaimSync, decideReclaim, decideVolumeSync } from './sync-decisions.js';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from './volume-types.js';

const claimRef = { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', uid: 'u1' };

function volume(phase: string, spec: PersistentVolume['spec'] = {}, annotations?: Record<string, string>): PersistentVolume {
  return {
    metadata: { name: 'pv1', ...(annotations ? { annotations } : {}) },
    spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', ...spec },
    status: { phase },
  };
}

function claim(spec: PersistentVolumeClaim['spec'] = {}, annotations?: Record<string, string>, uid = 'u1'): PersistentVolumeClaim {
  return {
    metadata: { name: 'data', namespace: 'default', uid, ...(annotations ? { annotations } : {}) },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
    status: { phase: 'Pending' },
  };
}

const localPath: StorageClass = {
  metadata: { name: 'local-path', creationTimestamp: '2025-01-01T00:00:00Z', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
  provisioner: 'kctl.io/local-path',
};

describe('decideVolumeSync (volume phases)', () => {
  it('makes an unclaimed or name-only pre-bound volume Available', () => {
    expect(decideVolumeSync(volume('Pending'), undefined)).toEqual({ action: 'setPhase', phase: 'Available' });
    expect(decideVolumeSync(volume('Available'), undefined)).toEqual({ action: 'none' });
    expect(decideVolumeSync(volume('Pending', { claimRef: { namespace: 'default', name: 'data' } }), undefined)).toEqual({ action: 'setPhase', phase: 'Available' });
  });

  it('is Bound while its claim points back, and leaves a half-bound claim to the claim sync', () => {
    expect(decideVolumeSync(volume('Available', { claimRef }), claim({ volumeName: 'pv1' }))).toEqual({ action: 'setPhase', phase: 'Bound' });
    expect(decideVolumeSync(volume('Bound', { claimRef }), claim({ volumeName: 'pv1' }))).toEqual({ action: 'none' });
    expect(decideVolumeSync(volume('Pending', { claimRef }), claim())).toEqual({ action: 'syncClaim', claimKey: 'default/data' });
  });

  it('is released when its claim is gone or replaced by a namesake', () => {
    expect(decideVolumeSync(volume('Bound', { claimRef }), undefined)).toEqual({ action: 'release', setPhase: true });
    expect(decideVolumeSync(volume('Bound', { claimRef }), claim({}, undefined, 'u2'))).toEqual({ action: 'release', setPhase: true });
    expect(decideVolumeSync(volume('Released', { claimRef }), undefined)).toEqual({ action: 'release', setPhase: false });
    expect(decideVolumeSync(volume('Failed', { claimRef }), undefined)).toEqual({ action: 'release', setPhase: false });
  });

  it('frees a volume the controller bound to a claim that went elsewhere, and releases a provisioned one', () => {
    const elsewhere = claim({ volumeName: 'pv2' });
    expect(decideVolumeSync(volume('Bound', { claimRef }, { 'pv.kubernetes.io/bound-by-controller': 'yes' }), elsewhere)).toEqual({ action: 'unbind' });
    const provisioned = volume('Bound', { claimRef, persistentVolumeReclaimPolicy: 'Delete' }, { 'pv.kubernetes.io/provisioned-by': 'kctl.io/local-path' });
    expect(decideVolumeSync(provisioned, elsewhere)).toEqual({ action: 'release', setPhase: true });
    expect(decideVolumeSync(volume('Bound', { claimRef }), elsewhere)).toEqual({ action: 'none' });
  });
});

describe('decideReclaim', () => {
  it('retains, leaves provisioned volumes to their provisioner, and fails what nobody can delete', () => {
    expect(decideReclaim(volume('Released'))).toEqual({ action: 'retain' });
    expect(decideReclaim(volume('Released', { persistentVolumeReclaimPolicy: 'Delete' }, { 'pv.kubernetes.io/provisioned-by': 'kctl.io/local-path' }))).toEqual({
      action: 'external',
      provisioner: 'kctl.io/local-path',
    });
    expect(decideReclaim(volume('Released', { persistentVolumeReclaimPolicy: 'Delete' }))).toMatchObject({ action: 'fail', reason: 'VolumeFailedDelete' });
    expect(decideReclaim(volume('Released', { persistentVolumeReclaimPolicy: 'Recycle' }))).toMatchObject({ action: 'fail', reason: 'VolumeFailedRecycle' });
  });
});

describe('decideClaimSync (claim phases)', () => {
  const available = volume('Available', { storageClassName: 'local-path' });

  it('writes the default class into a claim that names none, but not into one that chose ""', () => {
    expect(decideClaimSync(claim(), { volumes: [], classes: [localPath] })).toEqual({ action: 'assignClass', className: 'local-path' });
    const newer = { ...localPath, metadata: { ...localPath.metadata, name: 'newer', creationTimestamp: '2025-06-01T00:00:00Z' } };
    expect(decideClaimSync(claim(), { volumes: [], classes: [localPath, newer] })).toEqual({ action: 'assignClass', className: 'newer' });
    expect(decideClaimSync(claim({ storageClassName: '' }), { volumes: [], classes: [localPath] })).toEqual({
      action: 'pending',
      event: { type: 'Normal', reason: 'FailedBinding', message: 'no persistent volumes available for this claim and no storage class is set' },
    });
  });

  it('binds to a fitting volume, else hands the claim to its class provisioner', () => {
    const classed = claim({ storageClassName: 'local-path' });
    expect(decideClaimSync(classed, { volumes: [available], classes: [localPath] })).toEqual({ action: 'bind', volume: available, boundByController: true });
    expect(decideClaimSync(classed, { volumes: [], classes: [localPath] })).toEqual({ action: 'provision', provisioner: 'kctl.io/local-path' });
    expect(decideClaimSync(claim({ storageClassName: 'gone' }), { volumes: [], classes: [] })).toMatchObject({
      action: 'pending',
      event: { type: 'Warning', reason: 'ProvisioningFailed', message: 'storageclass.storage.k8s.io "gone" not found' },
    });
    const delayed = { ...localPath, volumeBindingMode: 'WaitForFirstConsumer' };
    expect(decideClaimSync(classed, { volumes: [available], classes: [delayed] })).toMatchObject({ action: 'pending', event: { reason: 'WaitForFirstConsumer' } });
  });

  it('binds a claim that names its volume to exactly that one, when it fits and is free', () => {
    const named = claim({ volumeName: 'pv1', storageClassName: '' });
    const free = volume('Available');
    expect(decideClaimSync(named, { volume: free, volumes: [free], classes: [] })).toEqual({ action: 'bind', volume: free, boundByController: false });
    expect(decideClaimSync(named, { volumes: [], classes: [] })).toEqual({ action: 'pending' });
    const small = volume('Available', { capacity: { storage: '1Mi' } });
    expect(decideClaimSync(named, { volume: small, volumes: [small], classes: [] })).toMatchObject({
      action: 'pending',
      event: { reason: 'VolumeMismatch', message: 'Cannot bind to requested volume "pv1": requested PV is too small' },
    });
    const taken = volume('Bound', { claimRef: { ...claimRef, name: 'other', uid: 'u9' } });
    expect(decideClaimSync(named, { volume: taken, volumes: [taken], classes: [] })).toEqual({ action: 'pending' });
  });

  it('keeps a bound claim Bound, and Lost once its volume is gone or taken', () => {
    const bound = claim({ volumeName: 'pv1', storageClassName: '' }, { 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    const mine = volume('Bound', { claimRef });
    expect(decideClaimSync(bound, { volume: mine, volumes: [mine], classes: [] })).toEqual({ action: 'bind', volume: mine, boundByController: true });
    expect(decideClaimSync(bound, { volumes: [], classes: [] })).toMatchObject({ action: 'lost', event: { type: 'Warning', reason: 'ClaimLost' } });
    const taken = volume('Bound', { claimRef: { ...claimRef, uid: 'u9' } });
    expect(decideClaimSync(bound, { volume: taken, volumes: [taken], classes: [] })).toMatchObject({ action: 'lost', event: { reason: 'ClaimMisbound' } });
  });
});

describe('claimStatusFor', () => {
  it('describes the bound volume, and nothing once the claim is not Bound', () => {
    const bound = claimStatusFor(claim(), 'Bound', volume('Bound', { accessModes: ['ReadWriteMany'], capacity: { storage: '5Gi' } }));
    expect(bound).toEqual({ phase: 'Bound', accessModes: ['ReadWriteMany'], capacity: { storage: '5Gi' } });
    expect(claimStatusFor({ ...claim(), status: bound }, 'Lost')).toEqual({ phase: 'Lost' });
  });
});
