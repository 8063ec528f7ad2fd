// Server-side Table printers (what the API server answers for `as=Table`) and kubectl's
// client-side rendering of such Tables (what `kctl get` prints).
export { humanDuration, age } from './human-duration.js';
export { formatLabels, formatLabelSelector, labelSelectorString } from './label-strings.js';
export type { LabelSelectorLike, LabelSelectorRequirementLike } from './label-strings.js';
export type { Printer } from './printer.js';
export { printerFor } from './printer-registry.js';
export { defaultPrinter } from './default-printer.js';
export { buildTable } from './build-table.js';
export type { BuildTableOptions, IncludeObjectPolicy } from './build-table.js';
export { renderTables, TableRenderer } from './render-tables.js';
export type { RenderTablesOptions, TableToRender } from './render-tables.js';
export { KUBECTL_TAB_WRITER, TabWriter, tabWriter } from './tab-writer.js';
export type { TabWriterSettings } from './tab-writer.js';
export { cellText } from './cell-text.js';
