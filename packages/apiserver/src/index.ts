export { buildApiServer, createRegistryContext, MAX_REQUEST_BYTES } from './build-api-server.js';
export type { ApiServerOptions } from './build-api-server.js';
export * from './storage/object-store.js';
export { createLevelObjectStore, createMemoryObjectStore } from './storage/index.js';
