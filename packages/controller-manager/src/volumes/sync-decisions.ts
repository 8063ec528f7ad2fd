// The pure halves of syncVolume and syncClaim (pkg/controller/volume/persistentvolume/pv_controller.go):
// given an object and what the caches say about its counterpart, what should happen next. The
// controller carries the decisions out against the API.
import { claimClassOf, claimHasClass, defaultClassOf, isDelayBinding } from './storage-classes.js';
import { findBestMatch, isVolumeBoundToClaim, volumeMismatch } from './volume-matching.js';
import {
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_PROVISIONED_BY,
  ANN_SELECTED_NODE,
  CLAIM_PHASE,
  PV_PHASE,
  claimKey,
  hasAnnotation,
  nameOf,
  uidOf,
  type PersistentVolume,
  type PersistentVolumeClaim,
  type StorageClass,
} from './volume-types.js';

export type VolumeDecision =
  | { action: 'none' }
  | { action: 'setPhase'; phase: string }
  /** The volume points at a claim that has not finished binding: the claim's sync completes it. */
  | { action: 'syncClaim'; claimKey: string }
  /** The claim is gone: mark the volume Released (unless it already is, or Failed) and reclaim it. */
  | { action: 'release'; setPhase: boolean }
  /** The controller bound the volume to a claim that went to another volume: free it again. */
  | { action: 'unbind' };

/**
 * syncVolume. `claim` is the claim the claimRef names, undefined when it does not exist (the
 * caller confirms that against the API, as deleting data on a stale cache would be fatal);
 * a claim with another uid is a new claim of the same name, so the old one is gone too.
 */
export function decideVolumeSync(pv: PersistentVolume, claim: PersistentVolumeClaim | undefined): VolumeDecision {
  const phase = pv.status?.phase;
  const ref = pv.spec?.claimRef;
  const setPhase = (wanted: string): VolumeDecision => (phase === wanted ? { action: 'none' } : { action: 'setPhase', phase: wanted });
  // Unused, or pre-bound by name to a claim that has yet to come: either way free for it.
  if (!ref || !ref.uid) return setPhase(PV_PHASE.available);
  if (!claim || uidOf(claim) !== ref.uid) {
    return { action: 'release', setPhase: phase !== PV_PHASE.released && phase !== PV_PHASE.failed };
  }
  const volumeName = claim.spec?.volumeName ?? '';
  if (volumeName === '') return { action: 'syncClaim', claimKey: claimKey(claim) };
  if (volumeName === nameOf(pv)) return setPhase(PV_PHASE.bound);
  // The claim is bound to another volume.
  if (hasAnnotation(pv, ANN_PROVISIONED_BY) && pv.spec?.persistentVolumeReclaimPolicy === 'Delete') {
    return { action: 'release', setPhase: phase !== PV_PHASE.released && phase !== PV_PHASE.failed };
  }
  if (hasAnnotation(pv, ANN_BOUND_BY_CONTROLLER)) return { action: 'unbind' };
  // The user wrote this claimRef: leave it alone.
  return { action: 'none' };
}

export type ReclaimDecision =
  | { action: 'retain' }
  /** A provisioner deletes the volumes it made; the controller waits for it. */
  | { action: 'external'; provisioner: string }
  | { action: 'fail'; reason: string; message: string };

/** reclaimVolume. No in-tree deleter or recycler exists here, so only provisioned volumes can be deleted. */
export function decideReclaim(pv: PersistentVolume): ReclaimDecision {
  const policy = pv.spec?.persistentVolumeReclaimPolicy ?? 'Retain';
  const provisioner = pv.metadata?.annotations?.[ANN_PROVISIONED_BY];
  if (policy === 'Retain') return { action: 'retain' };
  if (policy === 'Delete') {
    if (provisioner) return { action: 'external', provisioner };
    return { action: 'fail', reason: 'VolumeFailedDelete', message: `error getting deleter volume plugin for volume "${nameOf(pv)}": no deletable volume plugin matched` };
  }
  if (policy === 'Recycle') return { action: 'fail', reason: 'VolumeFailedRecycle', message: 'No recycler plugin found for the volume!' };
  return { action: 'fail', reason: 'VolumeUnknownReclaimPolicy', message: 'Volume has unrecognized PersistentVolumeReclaimPolicy' };
}

export interface ClaimEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export type ClaimDecision =
  /** Write the default class into a claim that names none (the DefaultStorageClass admission plugin, retroactively). */
  | { action: 'assignClass'; className: string }
  /** Bind both ways; `boundByController` when the controller, not the user, chose the volume. */
  | { action: 'bind'; volume: PersistentVolume; boundByController: boolean }
  /** Hand the claim to its class's provisioner. */
  | { action: 'provision'; provisioner: string }
  | { action: 'pending'; event?: ClaimEvent }
  | { action: 'lost'; event: ClaimEvent };

export interface ClaimWorld {
  /** The volume the claim names, if it exists (by spec.volumeName). */
  volume?: PersistentVolume | undefined;
  volumes: readonly PersistentVolume[];
  classes: readonly StorageClass[];
}

const NO_CLASS_EVENT: ClaimEvent = {
  type: 'Normal',
  reason: 'FailedBinding',
  message: 'no persistent volumes available for this claim and no storage class is set',
};

/** syncClaim: syncUnboundClaim until bind-completed is set, syncBoundClaim afterwards. */
export function decideClaimSync(claim: PersistentVolumeClaim, world: ClaimWorld): ClaimDecision {
  return hasAnnotation(claim, ANN_BIND_COMPLETED) ? decideBoundClaim(claim, world) : decideUnboundClaim(claim, world);
}

function decideUnboundClaim(claim: PersistentVolumeClaim, world: ClaimWorld): ClaimDecision {
  const volumeName = claim.spec?.volumeName ?? '';
  if (volumeName !== '') return decidePreboundClaim(claim, volumeName, world.volume);
  // Kubernetes' admission plugin names the default class at creation; without it the
  // controller does so first, so a class-less claim ends up where it would in a cluster.
  if (!claimHasClass(claim)) {
    const fallback = defaultClassOf(world.classes);
    if (fallback?.metadata?.name) return { action: 'assignClass', className: fallback.metadata.name };
  }
  const delayBinding = isDelayBinding(claim, world.classes);
  const match = findBestMatch(claim, world.volumes, delayBinding);
  if (match) return { action: 'bind', volume: match, boundByController: true };
  if (delayBinding && !hasAnnotation(claim, ANN_SELECTED_NODE)) {
    return { action: 'pending', event: { type: 'Normal', reason: 'WaitForFirstConsumer', message: 'waiting for first consumer to be created before binding' } };
  }
  const className = claimClassOf(claim);
  if (className === '') return { action: 'pending', event: NO_CLASS_EVENT };
  const storageClass = world.classes.find((sc) => sc.metadata?.name === className);
  if (!storageClass) {
    return { action: 'pending', event: { type: 'Warning', reason: 'ProvisioningFailed', message: `storageclass.storage.k8s.io "${className}" not found` } };
  }
  return { action: 'provision', provisioner: storageClass.provisioner ?? '' };
}

/** The user named the volume: bind to exactly that one or wait. */
function decidePreboundClaim(claim: PersistentVolumeClaim, volumeName: string, volume: PersistentVolume | undefined): ClaimDecision {
  // Not there yet: keep waiting for it to be created.
  if (!volume) return { action: 'pending' };
  if (!volume.spec?.claimRef) {
    const mismatch = volumeMismatch(volume, claim);
    if (mismatch) return { action: 'pending', event: { type: 'Warning', reason: 'VolumeMismatch', message: `Cannot bind to requested volume "${volumeName}": ${mismatch}` } };
    return { action: 'bind', volume, boundByController: false };
  }
  if (isVolumeBoundToClaim(volume, claim)) return { action: 'bind', volume, boundByController: false };
  // Bound to another claim: this one waits.
  return { action: 'pending' };
}

function decideBoundClaim(claim: PersistentVolumeClaim, world: ClaimWorld): ClaimDecision {
  const lost = (reason: string, message: string): ClaimDecision => ({ action: 'lost', event: { type: 'Warning', reason, message } });
  if (!claim.spec?.volumeName) return lost('ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!');
  const volume = world.volume;
  if (!volume) return lost('ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
  // A cleared claimRef is re-established; a matching one just keeps both sides Bound.
  if (!volume.spec?.claimRef || isVolumeBoundToClaim(volume, claim)) return { action: 'bind', volume, boundByController: hasAnnotation(claim, ANN_BOUND_BY_CONTROLLER) };
  return lost('ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
}

/**
 * updateClaimStatus: Bound carries the volume's capacity and access modes; any other phase
 * drops them, as there is no volume to describe.
 */
export function claimStatusFor(claim: PersistentVolumeClaim, phase: string, volume?: PersistentVolume): NonNullable<PersistentVolumeClaim['status']> {
  const { accessModes: _modes, capacity: _capacity, ...rest } = claim.status ?? {};
  if (phase === CLAIM_PHASE.bound && volume) {
    return { ...rest, phase, accessModes: [...(volume.spec?.accessModes ?? [])], capacity: { ...(volume.spec?.capacity ?? {}) } };
  }
  return { ...rest, phase };
}

type ClaimStatus = NonNullable<PersistentVolumeClaim['status']>;

/** The fields updateClaimStatus manages, compared regardless of key order. */
export function sameClaimStatus(a: ClaimStatus, b: ClaimStatus): boolean {
  const modes = (s: ClaimStatus) => (s.accessModes ?? []).join(',');
  const capacity = (s: ClaimStatus) => Object.entries(s.capacity ?? {}).map(([k, v]) => `${k}=${v}`).sort().join(',');
  return a.phase === b.phase && modes(a) === modes(b) && capacity(a) === capacity(b);
}
