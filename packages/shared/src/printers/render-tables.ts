// `kubectl get` human-readable output for server Tables, as kubectl 1.32 prints it: the
// per-resource printer state of cli-runtime's HumanReadablePrinter (headers once per column
// set, watch tables without column definitions), printTable's filtering of wide columns, and
// get.go's loop over resource types (one aligned block per type, separated by a blank line).
import type { Table, TableColumnDefinition } from '../api/object-types.js';
import { cellText } from './cell-text.js';
import { decorateTable } from './decorate-table.js';
import { TabWriter } from './tab-writer.js';

export interface TableToRender {
  table: Table;
  /** Lower-cased GroupKind (`deployment.apps`, `pod`): identifies the resource type of the table. */
  kindPrefix?: string;
  /** False for cluster-scoped resources, which never get the -A NAMESPACE column. Default true. */
  namespaced?: boolean;
}

export interface RenderTablesOptions {
  wide: boolean;
  noHeaders: boolean;
  showLabels: boolean;
  labelColumns: string[];
  /** -A / --all-namespaces. */
  withNamespace: boolean;
  /** --show-kind; kinds are also shown whenever the tables span more than one kind. */
  showKind?: boolean;
}

interface PrinterOptions extends RenderTablesOptions {
  kindPrefix?: string;
}

const COLUMN_KEYS = ['name', 'type', 'format', 'description', 'priority'] as const;

/** reflect.DeepEqual on column definitions. */
function sameColumns(a: TableColumnDefinition[], b: TableColumnDefinition[]): boolean {
  return a.length === b.length && a.every((c, i) => COLUMN_KEYS.every((key) => c[key] === b[i]?.[key]));
}

/** HumanReadablePrinter: one per resource type, remembering the columns it printed last. */
class TablePrinter {
  private lastColumns: TableColumnDefinition[] = [];
  private printedHeaders = false;

  constructor(private readonly options: PrinterOptions) {}

  /** The lines (as cells) for one table; headers only when the column set is new. */
  print(table: Table): string[][] {
    const columnsGiven = table.columnDefinitions ?? [];
    let noHeaders = this.options.noHeaders;
    if (this.printedHeaders && (columnsGiven.length === 0 || sameColumns(columnsGiven, this.lastColumns))) noHeaders = true;
    // Watch events after the first carry no column definitions: reuse the last ones.
    let columns = columnsGiven;
    if (columnsGiven.length === 0) columns = this.lastColumns;
    else if (!sameColumns(columnsGiven, this.lastColumns)) {
      this.lastColumns = columnsGiven;
      this.printedHeaders = false;
    }
    if (table.rows.length > 0) this.printedHeaders = true;

    const decorated = decorateTable(columns, table.rows, this.options);
    return printTable(decorated.columns, decorated.rows, this.options.wide, noHeaders);
  }
}

/** printTable: upper-cased headers (none for an empty table), priority≠0 columns only if wide. */
function printTable(columns: TableColumnDefinition[], rows: unknown[][], wide: boolean, noHeaders: boolean): string[][] {
  const visible = (c: TableColumnDefinition | undefined): boolean => c !== undefined && (wide || c.priority === 0);
  const lines: string[][] = [];
  if (!noHeaders) {
    if (rows.length === 0) return [];
    lines.push(columns.filter(visible).map((c) => c.name.toUpperCase()));
  }
  for (const cells of rows) {
    // Extra cells beyond the column definitions are ignored (kubernetes/kubernetes#66379).
    lines.push(cells.slice(0, columns.length).flatMap((cell, i) => (visible(columns[i]) ? [cellText(cell)] : [])));
  }
  // A tab or vertical tab inside a value ends a cell for the tab writer, as it does in Go.
  return lines.map((cells) => cells.join('\t').split(/[\t\v]/));
}

/**
 * A kubectl output stream for human-readable tables: keeps the per-resource printer state and
 * the tab writer's remembered widths between calls, which is what keeps `get -w` aligned.
 * `print` buffers a table, `flush` returns the formatted text buffered so far (kubectl flushes
 * after the initial list and after every watch event).
 */
export class TableRenderer {
  private readonly writer = new TabWriter();
  private current: { resource: string; printer: TablePrinter } | undefined;
  private pendingLines: string[][] = [];
  private formatted = '';
  private separatorPending = false;
  private written = false;
  private namespaceColumnShown = false;

  /** `showKind` here means "prefix rows with their kind"; renderTables decides it for a batch. */
  constructor(private readonly opts: RenderTablesOptions) {}

  print(entry: TableToRender): void {
    const resource = entry.kindPrefix ?? '';
    if (!this.current || this.current.resource !== resource) {
      this.formatPending();
      this.writer.resetWidths();
      // A blank line between resource types, once something has been printed and with headers.
      if (this.current && !this.opts.noHeaders && this.written) this.separatorPending = true;
      const kindPrefix = this.opts.showKind && entry.kindPrefix ? entry.kindPrefix.toLowerCase() : undefined;
      // Cluster-scoped types skip the -A NAMESPACE column, but only until a namespaced type
      // has been printed: kubectl's printer flags are shared between resource types, so
      // `get pods,nodes -A` shows an empty NAMESPACE column for the nodes too.
      const withNamespace = this.opts.withNamespace && (entry.namespaced !== false || this.namespaceColumnShown);
      if (withNamespace) this.namespaceColumnShown = true;
      const printer = new TablePrinter({ ...this.opts, withNamespace, ...(kindPrefix ? { kindPrefix } : {}) });
      this.current = { resource, printer };
    }
    this.pendingLines.push(...this.current.printer.print(entry.table));
  }

  flush(): string {
    this.formatPending();
    const text = this.formatted;
    this.formatted = '';
    return text;
  }

  private formatPending(): void {
    const text = this.writer.format(this.pendingLines);
    this.pendingLines = [];
    if (text === '') return;
    if (this.separatorPending) this.formatted += '\n';
    this.separatorPending = false;
    this.formatted += text;
    this.written = true;
  }
}

/**
 * All tables of one `kubectl get` invocation, in order. Kinds are shown with --show-kind or
 * whenever the tables span more than one kind (get.go multipleGVKsRequested).
 */
export function renderTables(tables: TableToRender[], opts: RenderTablesOptions): string {
  const kinds = new Set(tables.map((t) => t.kindPrefix ?? ''));
  const renderer = new TableRenderer({ ...opts, showKind: opts.showKind === true || kinds.size > 1 });
  for (const entry of tables) renderer.print(entry);
  return renderer.flush();
}
