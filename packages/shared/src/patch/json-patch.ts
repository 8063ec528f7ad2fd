// RFC 6902 JSON patch (application/json-patch+json, `kubectl patch --type=json`). Error texts
// and leniencies follow gopkg.in/evanphx/json-patch.v4, the library kube-apiserver 1.32 applies
// these patches with: e.g. `replace` of a missing object key adds it, `test` against a missing
// key passes only for null.
import { cloneJson, deepEqual, isJsonObject, type JsonObject } from './json-values.js';
import { PatchError } from './patch-error.js';

/** kube-apiserver's maxJSONPatchOperations. */
const MAX_OPERATIONS = 10000;

interface Operation {
  op: string;
  path?: unknown;
  from?: unknown;
  value?: unknown;
}

/** The container (object or list) holding the last reference token of a pointer, and that token. */
interface Location {
  container: JsonObject | unknown[];
  key: string;
}

/** Applies `ops` to a copy of `doc`; throws PatchError like kube-apiserver would answer. */
export function applyJsonPatch(doc: unknown, ops: unknown): unknown {
  const operations = decodeOperations(ops);
  // A holder lets the whole document be replaced (path "") like any other member.
  const holder = { doc: cloneJson(doc) };
  for (const operation of operations) applyOperation(holder, operation);
  return holder.doc;
}

function decodeOperations(ops: unknown): Operation[] {
  if (!Array.isArray(ops) || !ops.every((op) => isJsonObject(op))) {
    throw PatchError.badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  }
  if (ops.length > MAX_OPERATIONS) {
    throw PatchError.tooLarge(`The allowed maximum operations in a JSON patch is ${MAX_OPERATIONS}, got ${ops.length}`);
  }
  return ops.map((op) => ({ ...op, op: typeof op.op === 'string' ? op.op : 'unknown' }));
}

function applyOperation(holder: { doc: unknown }, operation: Operation): void {
  const fail = (message: string): never => {
    throw PatchError.unprocessable(message);
  };
  const path = stringField(operation, 'path', fail);
  switch (operation.op) {
    case 'add': {
      const at = locate(holder.doc, path) ?? fail(`add operation does not apply: doc is missing path: "${path}": missing value`);
      insert(at, cloneJson(operation.value ?? null), (why) => fail(`error in add for path: '${path}': ${why}`));
      return;
    }
    case 'remove': {
      const at = locate(holder.doc, path) ?? fail(`remove operation does not apply: doc is missing path: "${path}": missing value`);
      remove(at, (why) => fail(`error in remove for path: '${path}': ${why}`));
      return;
    }
    case 'replace': {
      if (path === '') {
        if (!isJsonObject(operation.value) && !Array.isArray(operation.value)) fail('replace operation value must be object or array');
        holder.doc = cloneJson(operation.value);
        return;
      }
      const at = locate(holder.doc, path) ?? fail(`replace operation does not apply: doc is missing path: ${path}: missing value`);
      if (Array.isArray(at.container) && arrayIndex(at.container, at.key, false) === undefined) {
        fail(`replace operation does not apply: doc is missing key: ${path}: missing value`);
      }
      write(at, cloneJson(operation.value ?? null));
      return;
    }
    case 'move': {
      const from = stringField(operation, 'from', fail);
      const source = locate(holder.doc, from) ?? fail(`move operation does not apply: doc is missing from path: ${from}: missing value`);
      const value = read(source);
      remove(source, (why) => fail(`error in move for path: '${source.key}': ${why}`));
      const target = locate(holder.doc, path) ?? fail(`move operation does not apply: doc is missing destination path: ${path}: missing value`);
      insert(target, value, (why) => fail(`error in move for path: '${path}': ${why}`));
      return;
    }
    case 'copy': {
      const from = stringField(operation, 'from', fail);
      const source = locate(holder.doc, from);
      const value = source ? read(source) : undefined;
      if (value === undefined) fail(`copy operation does not apply: doc is missing from path: ${from}: missing value`);
      const target = locate(holder.doc, path) ?? fail(`copy operation does not apply: doc is missing destination path: ${path}: missing value`);
      insert(target, cloneJson(value), (why) => fail(`error while adding value during copy: ${why}`));
      return;
    }
    case 'test': {
      const expected = operation.value ?? null;
      if (path === '') {
        if (!deepEqual(holder.doc, expected)) fail(`testing value ${path} failed: test failed`);
        return;
      }
      const at = locate(holder.doc, path) ?? fail(`test operation does not apply: is missing path: ${path}: missing value`);
      if (!deepEqual(read(at) ?? null, expected)) fail(`testing value ${path} failed: test failed`);
      return;
    }
    default:
      fail(`Unexpected kind: ${operation.op}`);
  }
}

function stringField(operation: Operation, field: 'path' | 'from', fail: (message: string) => never): string {
  const value = operation[field];
  return typeof value === 'string' ? value : fail(`${operation.op} operation failed to decode ${field}: missing value`);
}

/** Walks all tokens but the last (RFC 6901); undefined when an intermediate member is missing. */
function locate(doc: unknown, pointer: string): Location | undefined {
  const tokens = pointer.split('/');
  if (tokens.length < 2 || tokens[0] !== '') return undefined;
  const parents = tokens.slice(1, -1).map(unescapeToken);
  let node: unknown = doc;
  for (const token of parents) {
    if (Array.isArray(node)) {
      const index = arrayIndex(node, token, false);
      node = index === undefined ? undefined : node[index];
    } else {
      node = isJsonObject(node) ? node[token] : undefined;
    }
    if (node === undefined || node === null) return undefined;
  }
  if (!Array.isArray(node) && !isJsonObject(node)) return undefined;
  return { container: node, key: unescapeToken(tokens[tokens.length - 1] ?? '') };
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** A valid index of `list` (or one past its end when inserting); undefined if out of range. */
function arrayIndex(list: unknown[], token: string, forInsert: boolean): number | undefined {
  if (!/^\d+$/.test(token)) return undefined;
  const index = Number(token);
  return index < list.length || (forInsert && index === list.length) ? index : undefined;
}

function read(at: Location): unknown {
  if (!Array.isArray(at.container)) return at.container[at.key];
  const index = arrayIndex(at.container, at.key, false);
  return index === undefined ? undefined : at.container[index];
}

function write(at: Location, value: unknown): void {
  if (Array.isArray(at.container)) at.container[Number(at.key)] = value;
  else at.container[at.key] = value;
}

function insert(at: Location, value: unknown, fail: (why: string) => never): void {
  if (!Array.isArray(at.container)) {
    at.container[at.key] = value;
    return;
  }
  if (at.key === '-') {
    at.container.push(value);
    return;
  }
  if (!/^\d+$/.test(at.key)) fail(`value was not a proper array index: '${at.key}'`);
  const index = arrayIndex(at.container, at.key, true) ?? fail(`Unable to access invalid index: ${at.key}: invalid index referenced`);
  at.container.splice(index, 0, value);
}

function remove(at: Location, fail: (why: string) => never): void {
  if (!Array.isArray(at.container)) {
    if (!(at.key in at.container)) fail(`Unable to remove nonexistent key: ${at.key}: missing value`);
    delete at.container[at.key];
    return;
  }
  const index = arrayIndex(at.container, at.key, false) ?? fail(`Unable to access invalid index: ${at.key}: invalid index referenced`);
  at.container.splice(index, 1);
}
