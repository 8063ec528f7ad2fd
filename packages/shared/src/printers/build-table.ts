// Assembles the metav1 Table the API server returns for `as=Table` (HumanReadableGenerator.
// GenerateTable plus the `includeObject` handling of the apiserver's asTable).
import type { KubernetesObject, ListMeta, Table, TableRow } from '../api/object-types.js';
import type { Printer } from './printer.js';

/** TableOptions.includeObject: what each row's `object` carries. */
export type IncludeObjectPolicy = 'Metadata' | 'Object' | 'None';

export interface BuildTableOptions {
  /** The clock all AGE-like cells are computed against. */
  now: Date;
  /** Defaults to `Metadata` (a PartialObjectMetadata per row), as when the parameter is absent. */
  includeObject?: IncludeObjectPolicy;
  /** The list's metadata; a single-object GET passes `{ resourceVersion }` of that object. */
  listMeta?: ListMeta;
  /** Leave out the column definitions, as upstream does for watch events after the first. */
  noHeaders?: boolean;
}

/** AsPartialObjectMetadata: the whole ObjectMeta, without spec or status. */
function rowObject(obj: KubernetesObject, policy: IncludeObjectPolicy): KubernetesObject | undefined {
  switch (policy) {
    case 'Object':
      return obj;
    case 'None':
      return undefined;
    case 'Metadata':
      return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata ?? {} };
  }
}

/** Only the paging fields of the list metadata are carried over. */
function tableMeta(listMeta: ListMeta | undefined): ListMeta {
  const meta: ListMeta = {};
  if (listMeta?.resourceVersion !== undefined) meta.resourceVersion = listMeta.resourceVersion;
  if (listMeta?.continue !== undefined) meta.continue = listMeta.continue;
  if (listMeta?.remainingItemCount !== undefined) meta.remainingItemCount = listMeta.remainingItemCount;
  return meta;
}

export function buildTable(objects: KubernetesObject[], printer: Printer, opts: BuildTableOptions): Table {
  const policy = opts.includeObject ?? 'Metadata';
  const rows = objects.map((obj): TableRow => {
    const row: TableRow = { cells: printer.cells(obj, opts.now) };
    const conditions = printer.rowConditions?.(obj) ?? [];
    if (conditions.length > 0) row.conditions = conditions;
    const object = rowObject(obj, policy);
    if (object) row.object = object;
    return row;
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: tableMeta(opts.listMeta),
    columnDefinitions: opts.noHeaders ? null : printer.columns,
    rows,
  };
}
