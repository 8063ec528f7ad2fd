// The storage layer's public API.

export * from './object-store.js';
export { createMemoryObjectStore } from './memory-object-store.js';
export { createLevelObjectStore } from './level-object-store.js';
export { DataDirectoryInUseError } from './level-persistence.js';
export { WatchOverflowError } from './store-watcher.js';
export { DEFAULT_STORE_OPTIONS, type AutoCompactionPolicy, type ObjectStoreOptions } from './store-options.js';
