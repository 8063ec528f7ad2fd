// -o json|yaml|name|jsonpath=...|custom-columns=...: the non-table output formats, printed the
// way kubectl prints unstructured objects (keys sorted, JSON indented by 4, YAML block style).
import { Document, visit } from 'yaml';
import { compileJsonPath, customColumnCells, parseCustomColumns, tabWriter } from '@kctl/shared';
import type { KubernetesObject } from '@kctl/shared';
import type { OutputFormat } from './output-format.js';

export { parseOutputFlag } from './output-format.js';
export type { OutputFormat } from './output-format.js';

/** Recursively sorts object keys, as Go's encoding of map[string]interface{} does. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function toJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 4)}\n`;
}

// go-yaml (kubectl's encoder) quotes strings a YAML 1.1 reader would take for timestamps.
const TIMESTAMP_LIKE = /^\d{4}-\d\d?-\d\d?([Tt ]|$)/;

export function toYaml(value: unknown): string {
  const doc = new Document(sortKeys(value), { aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && TIMESTAMP_LIKE.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ indentSeq: false, lineWidth: 0 });
}

/** kubectl wraps several objects (or a collection) into a client-side List. */
export function asList(items: KubernetesObject[]): KubernetesObject {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

export function formatObjects(
  format: Exclude<OutputFormat, { kind: 'table' }>,
  items: KubernetesObject[],
  single: boolean,
  nameOf: (obj: KubernetesObject) => string,
  opts: { noHeaders?: boolean } = {},
): string {
  const subject = single && items.length === 1 ? items[0] : asList(items);
  switch (format.kind) {
    case 'json':
      return toJson(subject);
    case 'yaml':
      return toYaml(subject);
    case 'name':
      return items.map((o) => `${nameOf(o)}\n`).join('');
    case 'jsonpath':
      return compileJsonPath(format.template).execute(subject);
    case 'custom-columns': {
      const columns = parseCustomColumns(format.spec);
      const rows = items.map((o) => customColumnCells(columns, o));
      return tabWriter(opts.noHeaders ? rows : [columns.map((c) => c.header), ...rows]);
    }
  }
}
