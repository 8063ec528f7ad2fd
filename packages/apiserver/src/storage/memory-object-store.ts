// An ObjectStore that lives in process memory: for unit tests and throwaway clusters. It keeps its
// contents across close()/open() of the same instance, but not across processes.

import { IndexedObjectStore } from './indexed-object-store.js';
import { MemoryPersistence } from './memory-persistence.js';
import type { ObjectStore } from './object-store.js';
import type { ObjectStoreOptions } from './store-options.js';

export function createMemoryObjectStore(options?: ObjectStoreOptions): ObjectStore {
  return new IndexedObjectStore(new MemoryPersistence(), options);
}
