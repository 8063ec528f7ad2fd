// Which PersistentVolume a claim gets: pkg/controller/volume/persistentvolume/index.go
// (findBestMatchForClaim over the access-mode index) and
// k8s.io/component-helpers/storage/volume.FindMatchingVolume / checkVolumeSatisfyClaim.
import { LabelSelector, ZERO_QUANTITY, compareQuantities, labelSelectorFromSpec, parseQuantity } from '@kctl/shared';
import type { LabelSelectorSpec, Quantity } from '@kctl/shared';
import { claimClassOf, volumeClassOf } from './storage-classes.js';
import { PV_PHASE, nameOf, namespaceOf, uidOf, type PersistentVolume, type PersistentVolumeClaim, type Quantities } from './volume-types.js';

function storageOf(resources: Quantities | undefined): Quantity {
  try {
    return parseQuantity(resources?.['storage']) ?? ZERO_QUANTITY;
  } catch {
    return ZERO_QUANTITY;
  }
}

export const volumeCapacity = (pv: PersistentVolume): Quantity => storageOf(pv.spec?.capacity);
export const claimRequest = (claim: PersistentVolumeClaim): Quantity => storageOf(claim.spec?.resources?.requests);

/** IsVolumeBoundToClaim: claimRef names the claim, and its uid (when set) is the claim's. */
export function isVolumeBoundToClaim(pv: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref || ref.name !== nameOf(claim) || (ref.namespace ?? '') !== namespaceOf(claim)) return false;
  return !ref.uid || ref.uid === uidOf(claim);
}

/** A selector the server let through but that does not parse selects nothing rather than everything. */
function selectorOf(spec: LabelSelectorSpec): LabelSelector {
  try {
    return labelSelectorFromSpec(spec);
  } catch {
    return LabelSelector.nothing();
  }
}

const volumeModeOf = (mode: string | undefined) => mode ?? 'Filesystem';

/** CheckAccessModes: the volume offers every mode the claim asks for. */
export function offersAccessModes(pv: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const offered = new Set(pv.spec?.accessModes ?? []);
  return (claim.spec?.accessModes ?? []).every((mode) => offered.has(mode));
}

/** checkVolumeSatisfyClaim, for a claim that names its volume: why the volume does not fit, or undefined. */
export function volumeMismatch(pv: PersistentVolume, claim: PersistentVolumeClaim): string | undefined {
  if (pv.metadata?.deletionTimestamp) return `the volume is marked for deletion "${nameOf(pv)}"`;
  if (compareQuantities(volumeCapacity(pv), claimRequest(claim)) < 0) return 'requested PV is too small';
  if (volumeClassOf(pv) !== claimClassOf(claim)) return 'storageClassName does not match';
  if (volumeModeOf(pv.spec?.volumeMode) !== volumeModeOf(claim.spec?.volumeMode)) return 'incompatible volumeMode';
  if (!offersAccessModes(pv, claim)) return 'incompatible accessMode';
  return undefined;
}

/**
 * FindMatchingVolume over one access-mode group: a volume pre-bound to this claim wins at once;
 * otherwise the smallest Available, unclaimed volume of the claim's class that the selector accepts.
 */
function matchInGroup(claim: PersistentVolumeClaim, volumes: readonly PersistentVolume[], delayBinding: boolean): PersistentVolume | undefined {
  const requested = claimRequest(claim);
  const selector = claim.spec?.selector ? selectorOf(claim.spec.selector) : undefined;
  const requestedClass = claimClassOf(claim);
  let smallest: PersistentVolume | undefined;
  for (const pv of volumes) {
    if (compareQuantities(volumeCapacity(pv), requested) < 0) continue;
    if (volumeModeOf(pv.spec?.volumeMode) !== volumeModeOf(claim.spec?.volumeMode)) continue;
    if (pv.metadata?.deletionTimestamp) continue;
    if (isVolumeBoundToClaim(pv, claim)) return pv;
    // Delayed binding is the scheduler's job once a node is chosen; here only pre-bound volumes count.
    if (delayBinding) continue;
    // Volumes not yet Available will be soon; binding them now would only meet API conflicts.
    if (pv.status?.phase !== PV_PHASE.available || pv.spec?.claimRef) continue;
    if (selector && !selector.matches(pv.metadata?.labels ?? {})) continue;
    if (volumeClassOf(pv) !== requestedClass) continue;
    if (!smallest || compareQuantities(volumeCapacity(smallest), volumeCapacity(pv)) > 0) smallest = pv;
  }
  return smallest;
}

/**
 * findBestMatchForClaim: volumes are grouped by their exact access-mode set, and the groups that
 * offer all of the claim's modes are tried fewest modes first, so a RWO claim does not take a RWX
 * volume while a RWO one fits.
 */
export function findBestMatch(claim: PersistentVolumeClaim, volumes: readonly PersistentVolume[], delayBinding = false): PersistentVolume | undefined {
  const groups = new Map<string, PersistentVolume[]>();
  for (const pv of volumes) {
    if (!offersAccessModes(pv, claim)) continue;
    const modes = [...new Set(pv.spec?.accessModes ?? [])].sort();
    const key = modes.join(',');
    groups.set(key, [...(groups.get(key) ?? []), pv]);
  }
  const ordered = [...groups.entries()].sort(([a, x], [b, y]) => modeCount(x) - modeCount(y) || a.localeCompare(b));
  for (const [, group] of ordered) {
    const match = matchInGroup(claim, group, delayBinding);
    if (match) return match;
  }
  return undefined;
}

const modeCount = (group: PersistentVolume[]): number => new Set(group[0]?.spec?.accessModes ?? []).size;
