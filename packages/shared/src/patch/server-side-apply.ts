// Server-side apply (application/apply-patch+yaml), after sigs.k8s.io/structured-merge-diff:
// the applied configuration is merged into the live object, the applier owns exactly the fields
// it applied, fields it applied last time and dropped now are removed unless someone else owns
// them, and changing a field another manager owns is a conflict unless forced.
import type { KubernetesObject } from '../api/object-types.js';
import { describePath, FieldSet } from './field-set.js';
import { appliedFieldSet, compareFields, removeFields } from './field-walk.js';
import { cloneJson, isJsonObject, type JsonObject } from './json-values.js';
import { patchSchemaFor } from './kind-schemas.js';
import { indexOfItem } from './element-order.js';
import { isSameOwner, readOwnership, withOwnership, type ManagedFieldsOperation, type Ownership } from './managed-fields.js';
import { fieldMeta, type FieldPatchMeta } from './patch-schema.js';

export interface ApplyConflict {
  manager: string;
  /** The field as Kubernetes prints it, e.g. `.spec.replicas`. */
  field: string;
  /** How the other manager wrote the field; apiVersion matters in messages for Update owners. */
  operation: ManagedFieldsOperation;
  apiVersion: string;
}

export interface ServerSideApplyOptions {
  fieldManager: string;
  force: boolean;
  type: { group: string; kind: string };
  /** RFC 3339 time recorded in the applier's managedFields entry. */
  now: string;
}

/**
 * @returns the new object, or — when `conflicts` is non-empty — the unchanged current object
 * and the reasons the apply was refused (409). Forced applies never report conflicts.
 */
export function serverSideApply(
  current: KubernetesObject | undefined,
  applied: KubernetesObject,
  opts: ServerSideApplyOptions,
): { object: KubernetesObject; conflicts: ApplyConflict[] } {
  const schema = patchSchemaFor(opts.type);
  const live: JsonObject = current ? withOwnership(cloneJson(current), []) : {};
  const config: JsonObject = withOwnership(cloneJson(applied), []);
  const apiVersion = applied.apiVersion ?? current?.apiVersion ?? '';
  const owners = readOwnership(current);
  const isApplier = (owner: Ownership) => isSameOwner(owner, opts.fieldManager, 'Apply', apiVersion);

  const appliedSet = appliedFieldSet(config, schema);
  const merged = mergeApplied(live, config, { type: schema }) as JsonObject;
  const changes = compareFields(live, merged, schema);
  const changed = changes.added.union(changes.modified);

  const conflicts: ApplyConflict[] = [];
  for (const owner of owners) {
    if (isApplier(owner)) continue;
    const contested = owner.fields.intersection(changed);
    for (const path of contested.paths()) {
      conflicts.push({ manager: owner.manager, field: describePath(path), operation: owner.operation, apiVersion: owner.apiVersion });
    }
    // Forcing takes the fields away from their previous owners.
    owner.fields = owner.fields.difference(contested);
  }
  if (conflicts.length > 0 && !opts.force) {
    conflicts.sort((a, b) => a.manager.localeCompare(b.manager) || a.field.localeCompare(b.field));
    return { object: cloneJson(current ?? applied), conflicts };
  }

  const previous = owners.find(isApplier);
  const others = owners.filter((owner) => owner !== previous);
  const ownedByOthers = others.reduce((all, owner) => all.union(owner.fields), new FieldSet());
  const dropped = (previous?.fields ?? new FieldSet()).difference(appliedSet).difference(ownedByOthers);
  removeFields(merged, dropped.paths());

  const removed = compareFields(live, merged, schema).removed;
  for (const owner of others) owner.fields = owner.fields.difference(removed);
  const applier: Ownership = { manager: opts.fieldManager, operation: 'Apply', apiVersion, time: opts.now, fields: appliedSet };
  const nextOwners = previous ? owners.map((owner) => (owner === previous ? applier : owner)) : [...owners, applier];
  return { object: withOwnership(merged as KubernetesObject, nextOwners), conflicts: [] };
}

/**
 * The applied configuration merged into the live value: maps recursively, lists with a merge
 * key item by item, primitive merge lists as sets, everything else replaced. An explicit null
 * in the configuration removes the field.
 */
function mergeApplied(live: unknown, applied: unknown, meta: FieldPatchMeta): unknown {
  if (isJsonObject(applied)) {
    const result: JsonObject = isJsonObject(live) ? { ...live } : {};
    for (const [key, value] of Object.entries(applied)) {
      if (value === null) delete result[key];
      else result[key] = mergeApplied(result[key], value, meta.freeFormMap ? {} : fieldMeta(meta.type, key));
    }
    return result;
  }
  if (!Array.isArray(applied) || !Array.isArray(live) || meta.strategy !== 'merge') return applied;
  const result = [...live];
  for (const item of applied) {
    const index = indexOfItem(result, item, meta.mergeKey);
    if (index < 0) result.push(item);
    else if (meta.mergeKey !== undefined) result[index] = mergeApplied(result[index], item, { ...(meta.type ? { type: meta.type } : {}) });
  }
  return result;
}
