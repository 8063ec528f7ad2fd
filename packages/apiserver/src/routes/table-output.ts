// as=Table responses: the same printers for lists, single objects and watch events.
import { buildTable, printerFor } from '@kctl/shared';
import type { KubernetesObject, ResourceType, Table } from '@kctl/shared';
import type { RegistryContext } from '../rest/registry-context.js';
import type { IncludeObject } from './content-negotiation.js';

export function toTable(
  ctx: RegistryContext,
  type: ResourceType,
  objects: KubernetesObject[],
  opts: { includeObject: IncludeObject; resourceVersion?: string; continue?: string; remainingItemCount?: number; noHeaders?: boolean },
): Table {
  // Printers read the stored (internal) form; events.k8s.io events print as core events.
  const printer = printerFor(type.storedAs?.group ?? type.group, type.storedAs?.resource ?? type.resource);
  const printable = type.storedAs ? objects.map((o) => ctx.toInternal(type, o)) : objects;
  const table = buildTable(printable, printer, {
    now: ctx.clock(),
    includeObject: opts.includeObject,
    listMeta: {
      ...(opts.resourceVersion ? { resourceVersion: opts.resourceVersion } : {}),
      ...(opts.continue ? { continue: opts.continue } : {}),
      ...(opts.remainingItemCount ? { remainingItemCount: opts.remainingItemCount } : {}),
    },
    ...(opts.noHeaders ? { noHeaders: true } : {}),
  });
  if (opts.includeObject === 'Object' && type.storedAs) {
    // Full objects go back in the version that was asked for.
    table.rows.forEach((row, i) => {
      row.object = objects[i];
    });
  }
  return table;
}
