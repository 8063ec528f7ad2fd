// Values enter the store as a deep, frozen copy made by a JSON round trip. The copy is what LevelDB
// would give back anyway (undefined fields dropped, Dates as strings), so the memory and LevelDB
// stores behave the same. Freezing means no caller can change what the index, the history ring and
// every watcher share: a mutation throws at once instead of corrupting the store without a sound.

/** A deep-frozen copy of `value`, normalized as JSON would normalize it. */
export function frozenJsonCopy<T>(value: T): T {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('object store values must be JSON-serializable');
  return deepFreeze(JSON.parse(json) as T);
}

/** Freezes `value` and everything reachable from it, in place. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
