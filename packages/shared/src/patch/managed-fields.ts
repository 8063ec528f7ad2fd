// metadata.managedFields: who owns which fields. Every write records its manager; apply
// conflicts and apply pruning are decided from these entries.
import { parseApiVersion } from '../api/resource-catalog.js';
import type { KubernetesObject } from '../api/object-types.js';
import { FieldSet } from './field-set.js';
import { compareFields } from './field-walk.js';
import { cloneJson, isJsonObject, type JsonObject } from './json-values.js';
import { patchSchemaFor } from './kind-schemas.js';

export type ManagedFieldsOperation = 'Apply' | 'Update';

/** The wire shape (metav1.ManagedFieldsEntry). */
export interface ManagedFieldsEntry {
  manager: string;
  operation: ManagedFieldsOperation;
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: JsonObject;
  subresource?: string;
}

/** An entry with its fields decoded, while ownership is being recomputed. */
export interface Ownership {
  manager: string;
  operation: ManagedFieldsOperation;
  apiVersion: string;
  time: string;
  fields: FieldSet;
}

export function readOwnership(obj: KubernetesObject | undefined): Ownership[] {
  const entries = obj?.metadata?.managedFields ?? [];
  return entries.map((entry) => ({
    manager: entry.manager ?? '',
    operation: entry.operation === 'Apply' ? 'Apply' : 'Update',
    apiVersion: entry.apiVersion ?? '',
    time: entry.time ?? '',
    fields: FieldSet.fromFieldsV1(entry.fieldsV1),
  }));
}

/** A copy of `obj` carrying the given owners; owners of nothing are dropped, as Kubernetes does. */
export function withOwnership<T extends KubernetesObject>(obj: T, owners: readonly Ownership[]): T {
  const entries: ManagedFieldsEntry[] = owners
    .filter((owner) => owner.fields.size > 0)
    .map((owner) => ({
      manager: owner.manager,
      operation: owner.operation,
      apiVersion: owner.apiVersion,
      time: owner.time,
      fieldsType: 'FieldsV1',
      fieldsV1: owner.fields.toFieldsV1(),
    }));
  const { managedFields: _dropped, ...metadata } = obj.metadata ?? {};
  return { ...obj, metadata: entries.length > 0 ? { ...metadata, managedFields: entries } : metadata };
}

/** Same owner identity as apiserver's BuildManagerIdentifier: appliers are one owner across versions. */
export function isSameOwner(owner: Ownership, manager: string, operation: ManagedFieldsOperation, apiVersion: string): boolean {
  if (owner.manager !== manager || owner.operation !== operation) return false;
  return operation === 'Apply' || owner.apiVersion === apiVersion;
}

/**
 * Records an ordinary write (create, update, any non-apply patch) by `manager`: it takes over
 * every field the write added or changed, even from other owners (updates are never in
 * conflict), and fields the write removed leave every owner. Incoming managedFields are
 * ignored; ownership always derives from `old`.
 */
export function recordUpdateManagedFields(
  old: KubernetesObject | undefined,
  updated: KubernetesObject,
  manager: string,
  operation: 'Update',
  apiVersion: string,
  now: string,
): KubernetesObject {
  const schema = patchSchemaFor({ group: parseApiVersion(updated.apiVersion ?? apiVersion).group, kind: updated.kind ?? '' });
  const before = isJsonObject(old) ? old : {};
  const changes = compareFields(before, updated, schema);
  const taken = changes.added.union(changes.modified);
  const owners = readOwnership(old);
  let mine = owners.find((owner) => isSameOwner(owner, manager, operation, apiVersion));
  if (!mine) owners.push((mine = { manager, operation, apiVersion, time: now, fields: new FieldSet() }));
  for (const owner of owners) {
    const kept = owner === mine ? owner.fields.union(taken) : owner.fields.difference(taken);
    const fields = kept.difference(changes.removed);
    if (owner === mine && !fields.equals(owner.fields)) owner.time = now;
    owner.fields = fields;
  }
  return withOwnership(cloneJson(updated), owners);
}
