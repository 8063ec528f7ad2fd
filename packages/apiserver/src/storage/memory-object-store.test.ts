import { createMemoryObjectStore } from './memory-object-store.js';
import { runObjectStoreConformance } from './object-store.conformance.js';

runObjectStoreConformance('memory store', async (options) => {
  const store = createMemoryObjectStore(options);
  await store.open();
  return store;
});
