// describe.go's genericDescriber: for kinds without a describer of their own, every field of
// the object, recursively, titled by smartLabelFor and sorted by field name.
import type { KubernetesObject } from '@kctl/shared';
import type { DescribeContext } from './context.js';
import { describeEvents, loadEvents } from './events.js';
import { printAnnotationsMultiline, printLabelsMultiline } from './multiline.js';
import type { PrefixWriter } from './prefix-writer.js';
import { LEVEL_0, tabbedString } from './prefix-writer.js';
import { smartLabelFor } from './smart-label.js';

/** Already printed above the generic dump (or, for managedFields, pure noise). */
const SKIPPED_PATHS = new Set(['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);

type JsonMap = Record<string, unknown>;

function isMap(value: unknown): value is JsonMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Go's %v for a decoded JSON value. */
function goValue(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goValue).join(' ')}]`;
  if (isMap(value)) return `map[${Object.keys(value).sort().map((k) => `${k}:${goValue(value[k])}`).join(' ')}]`;
  return String(value);
}

function printContent(w: PrefixWriter, level: number, content: JsonMap, prefix: string): void {
  for (const field of Object.keys(content).sort()) {
    const path = `${prefix}.${field}`;
    if (SKIPPED_PATHS.has(path)) continue;
    const value = content[field];
    if (isMap(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printContent(w, level + 1, value, path);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (isMap(child)) printContent(w, level + 1, child, path);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`);
    }
  }
}

export async function describeGeneric(obj: KubernetesObject, ctx: DescribeContext): Promise<string> {
  const meta = obj.metadata ?? {};
  const events = await loadEvents(ctx, { kind: obj.kind, name: meta.name ?? '', namespace: meta.namespace ?? '', uid: meta.uid });
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    printContent(w, LEVEL_0, obj as JsonMap, '');
    if (events) describeEvents(events, w, ctx.now);
  });
}
