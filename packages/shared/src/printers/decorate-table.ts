// kubectl's client-side additions to a server Table (cli-runtime tableprinter.go decorateTable):
// the NAMESPACE column for -A, -L label columns, the LABELS column for --show-labels and the
// `kind/` prefix of multi-kind output. All of it reads rows[].object.metadata.
import type { TableColumnDefinition, TableRow } from '../api/object-types.js';
import { goSprint } from './cell-text.js';
import { formatLabels } from './label-strings.js';

export interface DecorateOptions {
  withNamespace: boolean;
  showLabels: boolean;
  labelColumns: string[];
  /** Lower-cased GroupKind (`deployment.apps`, `pod`) when rows get a `kind/` prefix. */
  kindPrefix?: string;
}

export interface DecoratedTable {
  columns: TableColumnDefinition[];
  rows: unknown[][];
}

/** Header of a `-L` column: the last `/`-separated segment of the key, upper-cased. */
export function labelColumnHeader(key: string): string {
  return (key.split('/').at(-1) ?? key).toUpperCase();
}

function addedColumn(name: string): TableColumnDefinition {
  return { name, type: 'string', format: '', description: '', priority: 0 };
}

/** The first string column of format `name`; for Events that is a hidden wide column. */
function nameColumnIndex(columns: TableColumnDefinition[]): number {
  return columns.findIndex((c) => c.format === 'name' && c.type === 'string');
}

export function decorateTable(columns: TableColumnDefinition[], rows: TableRow[], options: DecorateOptions): DecoratedTable {
  const { withNamespace, showLabels, labelColumns, kindPrefix } = options;
  const width = columns.length + labelColumns.length + (withNamespace ? 1 : 0) + (showLabels ? 1 : 0);
  const decoratedColumns = [
    ...(withNamespace ? [addedColumn('Namespace')] : []),
    ...columns,
    ...labelColumns.map((key) => addedColumn(labelColumnHeader(key))),
    ...(showLabels ? [addedColumn('Labels')] : []),
  ];
  const nameColumn = kindPrefix ? nameColumnIndex(columns) : -1;
  const decorating = withNamespace || showLabels || labelColumns.length > 0 || nameColumn >= 0;
  if (!decorating) return { columns: decoratedColumns, rows: rows.map((row) => [...row.cells]) };

  const decoratedRows = rows.map((row) => {
    const cells = [...row.cells];
    if (nameColumn >= 0 && nameColumn < cells.length) {
      const cell = cells[nameColumn];
      cells[nameColumn] = `${kindPrefix}/${typeof cell === 'string' ? cell : goSprint(cell)}`;
    }
    const metadata = row.object?.metadata;
    if (!metadata) {
      // Upstream's filler loop re-reads the growing length, so it adds only half of the
      // missing cells (rounded up); printing simply stops early on such rows. Kept for fidelity.
      if (withNamespace) cells.unshift(null);
      const missing = width - cells.length;
      for (let added = 0; added < missing - added; added++) cells.push(null);
      return cells;
    }
    const labels = metadata.labels ?? {};
    return [
      ...(withNamespace ? [metadata.namespace ?? ''] : []),
      ...cells,
      ...labelColumns.map((key) => labels[key] ?? ''),
      ...(showLabels ? [formatLabels(labels)] : []),
    ];
  });
  return { columns: decoratedColumns, rows: decoratedRows };
}
