// The shape every server-side table printer has, plus builders for the column definitions that
// recur across kinds (Name, Age, the wide Containers/Images pair).
import type { KubernetesObject, TableColumnDefinition, TableRowCondition } from '../api/object-types.js';

/**
 * One kind's table: the column definitions (always all of them, wide ones included, because
 * the server prints wide and kubectl hides priority-1 columns itself) and a function that
 * computes one row's cells in column order.
 */
export interface Printer {
  columns: TableColumnDefinition[];
  cells(obj: KubernetesObject, now: Date): unknown[];
  rowConditions?(obj: KubernetesObject): TableRowCondition[];
}

interface TypedPrinter<T> {
  columns: TableColumnDefinition[];
  cells(obj: T, now: Date): unknown[];
  rowConditions?(obj: T): TableRowCondition[];
}

/**
 * Lets a printer be written against its kind's typed model. The registry only hands a printer
 * objects of its own resource, so this is the one place the narrowing cast is trusted.
 */
export function definePrinter<T extends object>(printer: TypedPrinter<T>): Printer {
  const { columns, cells, rowConditions } = printer;
  return {
    columns,
    cells: (obj, now) => cells(obj as T, now),
    ...(rowConditions ? { rowConditions: (obj: KubernetesObject) => rowConditions(obj as T) } : {}),
  };
}

type ColumnOptions = Partial<Pick<TableColumnDefinition, 'type' | 'format' | 'priority'>>;

/** A column definition with every key present, as upstream serialises them (no omitempty). */
export function column(name: string, description: string, options: ColumnOptions = {}): TableColumnDefinition {
  return {
    name,
    type: options.type ?? 'string',
    format: options.format ?? '',
    description,
    priority: options.priority ?? 0,
  };
}

/** A column only `-o wide` shows. */
export function wideColumn(name: string, description: string, options: Omit<ColumnOptions, 'priority'> = {}): TableColumnDefinition {
  return column(name, description, { ...options, priority: 1 });
}

/** The Name column: format `name` is what kubectl's multi-kind `kind/` prefix looks for. */
export function nameColumn(): TableColumnDefinition {
  return column('Name', 'Name must be unique within a namespace.', { format: 'name' });
}

export function ageColumn(): TableColumnDefinition {
  return column('Age', 'Time since the object was created (metadata.creationTimestamp).');
}

/** The wide Containers and Images columns of every pod-template owner. */
export function containerColumns(): TableColumnDefinition[] {
  return [
    wideColumn('Containers', 'Names of each container in the template.'),
    wideColumn('Images', 'Images referenced by each container in the template.'),
  ];
}
