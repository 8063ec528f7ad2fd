// The API server's default ObjectStore: LevelDB in `dir`, durable and crash-safe (see
// level-persistence.ts). Only one process may open a directory; a second open() rejects with
// DataDirectoryInUseError.

import { IndexedObjectStore } from './indexed-object-store.js';
import { LevelPersistence } from './level-persistence.js';
import type { ObjectStore } from './object-store.js';
import type { ObjectStoreOptions } from './store-options.js';

export function createLevelObjectStore(dir: string, options?: ObjectStoreOptions): ObjectStore {
  return new IndexedObjectStore(new LevelPersistence(dir), options);
}
