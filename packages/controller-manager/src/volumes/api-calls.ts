// The few API idioms both volume controllers need: typed paths, 404 as "absent", and best-effort events.
import { ApiError, defaultCatalog, resourcePath } from '@kctl/shared';
import type { ApiClient, EventRecorder, EventType } from '@kctl/shared';
import type { Logger } from 'pino';
import type { PersistentVolume, PersistentVolumeClaim } from './volume-types.js';

const PVS = defaultCatalog.resolve('persistentvolumes')!;
const PVCS = defaultCatalog.resolve('persistentvolumeclaims')!;
const CLASSES = defaultCatalog.resolve('storageclasses')!;

export const RESOURCES = { volumes: PVS, claims: PVCS, classes: CLASSES };

export const volumePath = (name?: string, subresource?: string): string => resourcePath(PVS, undefined, name, subresource);
export const claimPath = (namespace: string, name?: string, subresource?: string): string => resourcePath(PVCS, namespace, name, subresource);
export const classPath = (name?: string): string => resourcePath(CLASSES, undefined, name);

export const isNotFound = (err: unknown): boolean => err instanceof ApiError && err.code === 404;
export const isAlreadyExists = (err: unknown): boolean => err instanceof ApiError && err.code === 409 && err.reason === 'AlreadyExists';

export async function getIfExists<T>(client: ApiClient, path: string): Promise<T | undefined> {
  try {
    return await client.get<T>(path);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** Events are informative: a failure to write one is logged, never a reason to retry the sync. */
export function emitEvent(
  recorder: EventRecorder,
  log: Logger,
  obj: PersistentVolume | PersistentVolumeClaim,
  kind: 'PersistentVolume' | 'PersistentVolumeClaim',
  type: EventType,
  reason: string,
  message: string,
): void {
  const involved = { apiVersion: 'v1', kind, metadata: obj.metadata ?? {} };
  recorder.record(involved, type, reason, message).catch((err: unknown) => log.warn({ err: (err as Error).message, reason }, 'recording event failed'));
}

/** A writable copy of a cached (frozen) object. */
export const copyOf = <T>(obj: T): T => structuredClone(obj);

