// Sets of field paths, the unit of ownership in server-side apply, and their wire encoding
// FieldsV1 (sigs.k8s.io/structured-merge-diff): a tree whose keys are `f:<field>`,
// `k:<json of the item's keys>` for keyed list items, `v:<json>` for set items, and `.` when a
// node with children is itself a member.
import { isJsonObject, type JsonObject } from './json-values.js';

/** A path as FieldsV1 tokens, e.g. ["f:spec", "f:containers", 'k:{"name":"c"}', "f:image"]. */
export type FieldPath = readonly string[];

// Tokens never contain NUL (field names, label keys and JSON-encoded keys cannot), so joining
// with it is an unambiguous and much cheaper map key than JSON.stringify on every lookup.
const keyOf = (path: FieldPath): string => path.join('\u0000');

export class FieldSet {
  private readonly members = new Map<string, FieldPath>();

  constructor(paths: Iterable<FieldPath> = []) {
    for (const path of paths) this.add(path);
  }

  static fromFieldsV1(fieldsV1: unknown): FieldSet {
    const set = new FieldSet();
    const visit = (node: unknown, prefix: FieldPath): void => {
      if (!isJsonObject(node)) return;
      for (const [token, child] of Object.entries(node)) {
        if (token === '.') set.add(prefix);
        else if (isJsonObject(child) && Object.keys(child).length > 0) visit(child, [...prefix, token]);
        else set.add([...prefix, token]);
      }
    };
    visit(fieldsV1, []);
    return set;
  }

  add(path: FieldPath): void {
    this.members.set(keyOf(path), path);
  }

  has(path: FieldPath): boolean {
    return this.members.has(keyOf(path));
  }

  get size(): number {
    return this.members.size;
  }

  paths(): FieldPath[] {
    return [...this.members.values()];
  }

  union(other: FieldSet): FieldSet {
    return new FieldSet([...this.paths(), ...other.paths()]);
  }

  difference(other: FieldSet): FieldSet {
    return new FieldSet(this.paths().filter((path) => !other.has(path)));
  }

  intersection(other: FieldSet): FieldSet {
    return new FieldSet(this.paths().filter((path) => other.has(path)));
  }

  equals(other: FieldSet): boolean {
    return this.size === other.size && this.paths().every((path) => other.has(path));
  }

  toFieldsV1(): JsonObject {
    interface Node {
      member: boolean;
      children: Map<string, Node>;
    }
    const root: Node = { member: false, children: new Map() };
    for (const path of this.members.values()) {
      let node = root;
      for (const token of path) {
        let child = node.children.get(token);
        if (!child) node.children.set(token, (child = { member: false, children: new Map() }));
        node = child;
      }
      node.member = true;
    }
    const encode = (node: Node): JsonObject => {
      const out: JsonObject = node.member && node.children.size > 0 ? { '.': {} } : {};
      for (const token of [...node.children.keys()].sort()) out[token] = encode(node.children.get(token) as Node);
      return out;
    };
    return encode(root);
  }
}

/** Path tokens for the three kinds of path elements. */
export const pathToken = {
  field: (name: string): string => `f:${name}`,
  key: (fields: JsonObject): string => `k:${JSON.stringify(fields)}`,
  value: (value: unknown): string => `v:${JSON.stringify(value)}`,
};

/** A path as structured-merge-diff prints it in conflict messages: `.spec.containers[name="c"].image`. */
export function describePath(path: FieldPath): string {
  return path
    .map((token) => {
      const body = token.slice(2);
      if (token.startsWith('f:')) return `.${body}`;
      if (token.startsWith('v:')) return `[=${body}]`;
      if (token.startsWith('k:')) {
        const fields = JSON.parse(body) as JsonObject;
        return `[${Object.entries(fields).map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(',')}]`;
      }
      return `[${body}]`;
    })
    .join('');
}
