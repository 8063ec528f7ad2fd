// Maps an object onto field paths, the way server-side apply sees it: which paths are leaves
// (owned values), which are keyed or set list items, which are free-form maps, and how two
// versions of an object differ path by path. Also removes paths from an object (apply pruning).
import { FieldSet, pathToken, type FieldPath } from './field-set.js';
import { deepEqual, isJsonObject, type JsonObject } from './json-values.js';
import { fieldMeta, type FieldPatchMeta, type TypeSchema } from './patch-schema.js';

/** leaf: a value; item: a list item; map: a free-form map; interior: a struct or a merged list. */
type FieldNodeKind = 'leaf' | 'item' | 'map' | 'interior';

interface FieldNode {
  path: FieldPath;
  kind: FieldNodeKind;
  value: unknown;
}

/** Fields nobody owns: identity and bookkeeping the server sets (as in apiserver's managedfields strip). */
const UNOWNED_TOP_LEVEL = new Set(['apiVersion', 'kind']);
const UNOWNED_METADATA = new Set([
  'name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink', 'managedFields',
]);

function isUnowned(path: FieldPath, key: string): boolean {
  if (path.length === 0) return UNOWNED_TOP_LEVEL.has(key);
  return path.length === 1 && path[0] === 'f:metadata' && UNOWNED_METADATA.has(key);
}

function walk(obj: JsonObject, schema: TypeSchema): Map<string, FieldNode> {
  const nodes = new Map<string, FieldNode>();
  const record = (path: FieldPath, kind: FieldNodeKind, value: unknown): void => {
    nodes.set(JSON.stringify(path), { path, kind, value });
  };
  const visitObject = (value: JsonObject, type: TypeSchema | undefined, freeForm: boolean, path: FieldPath): void => {
    for (const [key, child] of Object.entries(value)) {
      if (isUnowned(path, key)) continue;
      visitValue(child, freeForm ? {} : fieldMeta(type, key), [...path, pathToken.field(key)]);
    }
  };
  const visitValue = (value: unknown, meta: FieldPatchMeta, path: FieldPath): void => {
    if (isJsonObject(value) && Object.keys(value).length > 0) {
      record(path, meta.freeFormMap ? 'map' : 'interior', value);
      visitObject(value, meta.type, meta.freeFormMap === true, path);
      return;
    }
    const items = Array.isArray(value) && value.length > 0 ? listItemTokens(value, meta) : undefined;
    if (!items) {
      record(path, 'leaf', value);
      return;
    }
    record(path, 'interior', value);
    items.forEach((token, i) => {
      const item = (value as unknown[])[i];
      const itemPath = [...path, token];
      record(itemPath, 'item', item);
      if (isJsonObject(item)) visitObject(item, meta.type, false, itemPath);
    });
  };
  visitObject(obj, schema, false, []);
  return nodes;
}

/** Tokens naming each item of a merged list, or undefined when the list is owned as a whole. */
function listItemTokens(list: unknown[], meta: FieldPatchMeta): string[] | undefined {
  if (meta.strategy !== 'merge') return undefined;
  const { mergeKey } = meta;
  if (mergeKey !== undefined && list.every((item) => isJsonObject(item) && mergeKey in item)) {
    return list.map((item) => pathToken.key({ [mergeKey]: (item as JsonObject)[mergeKey] }));
  }
  if (list.every((item) => !isJsonObject(item) && !Array.isArray(item))) return list.map((item) => pathToken.value(item));
  return undefined;
}

/** The fields an applied configuration sets: its leaves and list items (structured-merge-diff ToFieldSet). */
export function appliedFieldSet(applied: JsonObject, schema: TypeSchema): FieldSet {
  return new FieldSet([...walk(applied, schema).values()].filter((n) => n.kind === 'leaf' || n.kind === 'item').map((n) => n.path));
}

export interface FieldChanges {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/** Path-by-path difference of two versions of an object (structured-merge-diff Compare). */
export function compareFields(before: JsonObject, after: JsonObject, schema: TypeSchema): FieldChanges {
  const old = walk(before, schema);
  const now = walk(after, schema);
  const isMember = (node: FieldNode): boolean => node.kind !== 'interior';
  const added = new FieldSet();
  const modified = new FieldSet();
  const removed = new FieldSet();
  for (const [key, node] of now) {
    const previous = old.get(key);
    if (!previous) {
      if (isMember(node)) added.add(node.path);
    } else if ((node.kind === 'leaf' || previous.kind === 'leaf') && !deepEqual(node.value, previous.value)) {
      modified.add(node.path);
    }
  }
  for (const [key, node] of old) if (!now.has(key) && isMember(node)) removed.add(node.path);
  return { added, modified, removed };
}

/** Removes the given paths from `obj` in place, and any map or list they leave empty. */
export function removeFields(obj: JsonObject, paths: readonly FieldPath[]): void {
  const deepestFirst = [...paths].sort((a, b) => b.length - a.length);
  for (const path of deepestFirst) removePath(obj, path);
}

function removePath(node: unknown, path: FieldPath): boolean {
  const [token, ...rest] = path;
  if (token === undefined) return false;
  const container = node as JsonObject | unknown[];
  const index = locate(container, token);
  if (index === undefined) return false;
  if (rest.length > 0) {
    const child = Array.isArray(container) ? container[index as number] : container[index as string];
    if (!removePath(child, rest) || !isEmptyContainer(child)) return false;
  }
  if (Array.isArray(container)) container.splice(index as number, 1);
  else delete container[index as string];
  return true;
}

function locate(container: JsonObject | unknown[], token: string): string | number | undefined {
  const body = token.slice(2);
  if (token.startsWith('f:')) return isJsonObject(container) && body in container ? body : undefined;
  if (!Array.isArray(container)) return undefined;
  const wanted = JSON.parse(body) as unknown;
  const found = token.startsWith('k:')
    ? container.findIndex((item) => isJsonObject(item) && Object.entries(wanted as JsonObject).every(([k, v]) => deepEqual(item[k], v)))
    : container.findIndex((item) => deepEqual(item, wanted));
  return found < 0 ? undefined : found;
}

function isEmptyContainer(value: unknown): boolean {
  return (Array.isArray(value) && value.length === 0) || (isJsonObject(value) && Object.keys(value).length === 0);
}
