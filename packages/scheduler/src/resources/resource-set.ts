// Resource amounts as the scheduler's framework.Resource keeps them: CPU in millicores, everything
// else in whole units (bytes for memory), extended resources by name.
import { parseQuantity, quantityMilliValue, quantityValue } from '@kctl/shared';

export interface ResourceSet {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  /** extended resources (nvidia.com/gpu, hugepages-2Mi, ...) by name */
  scalar: Record<string, number>;
}

export type ResourceMap = Record<string, string | number> | undefined;

export function emptyResources(): ResourceSet {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: {} };
}

/** The named resources of a requests/allocatable map; `pods` is counted apart and skipped here. */
export function resourcesFromMap(map: ResourceMap): ResourceSet {
  const out = emptyResources();
  for (const [name, raw] of Object.entries(map ?? {})) {
    const q = parseQuantity(raw);
    if (!q) continue;
    if (name === 'cpu') out.milliCPU = quantityMilliValue(q);
    else if (name === 'memory') out.memory = quantityValue(q);
    else if (name === 'ephemeral-storage') out.ephemeralStorage = quantityValue(q);
    else if (name !== 'pods') out.scalar[name] = quantityValue(q);
  }
  return out;
}

export function addResources(into: ResourceSet, other: ResourceSet, sign = 1): void {
  into.milliCPU += sign * other.milliCPU;
  into.memory += sign * other.memory;
  into.ephemeralStorage += sign * other.ephemeralStorage;
  for (const [name, value] of Object.entries(other.scalar)) into.scalar[name] = (into.scalar[name] ?? 0) + sign * value;
}

/** Each resource at the larger of the two (how init containers combine with the rest). */
export function maxResources(a: ResourceSet, b: ResourceSet): ResourceSet {
  const scalar: Record<string, number> = { ...a.scalar };
  for (const [name, value] of Object.entries(b.scalar)) scalar[name] = Math.max(scalar[name] ?? 0, value);
  return {
    milliCPU: Math.max(a.milliCPU, b.milliCPU),
    memory: Math.max(a.memory, b.memory),
    ephemeralStorage: Math.max(a.ephemeralStorage, b.ephemeralStorage),
    scalar,
  };
}

export function cloneResources(r: ResourceSet): ResourceSet {
  return { ...r, scalar: { ...r.scalar } };
}
