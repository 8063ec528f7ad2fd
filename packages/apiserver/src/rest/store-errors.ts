// Maps storage failures onto the Kubernetes Status the client expects for the object at hand.
import { errors, qualifiedResource } from '@kctl/shared';
import type { ResourceType } from '@kctl/shared';
import { KeyExistsError, KeyNotFoundError, RevisionMismatchError } from '../storage/object-store.js';

export function translateStoreError(err: unknown, type: ResourceType, name: string): unknown {
  const target = { resource: type.resource, group: type.group, name };
  if (err instanceof KeyExistsError) return errors.alreadyExists(target);
  if (err instanceof KeyNotFoundError) return errors.notFound(target);
  if (err instanceof RevisionMismatchError) return errors.conflict(target);
  return err;
}

export function notFound(type: ResourceType, name: string) {
  return errors.notFound({ resource: type.resource, group: type.group, name });
}

export function describeResource(type: ResourceType): string {
  return qualifiedResource(type);
}
