// A port of Go's text/tabwriter as kubectl uses it: for tables, the fork in
// github.com/liggitt/tabwriter (adds RememberWidths) configured by cli-runtime's GetNewTabWriter
// with minwidth 6, tabwidth 4, padding 3, padchar ' ' and RememberWidths; for describe, the
// plain writer with minwidth 0, padding 2 and no flags.
//
// A row's cells are tab-terminated except the last, which is the text before the newline and
// belongs to no column: it is never padded. A column's width is computed per "column block",
// i.e. per run of consecutive lines that have a cell in that column.

export interface TabWriterSettings {
  /** Minimal cell width, padding included. */
  minWidth: number;
  /** Added to the widest cell of a column block. */
  padding: number;
  /** RememberWidths: a column block is never narrower than the same column's earlier blocks. */
  rememberWidths: boolean;
}

export const KUBECTL_TAB_WRITER: TabWriterSettings = { minWidth: 6, padding: 3, rememberWidths: true };

/** Go counts runes (code points), not UTF-16 units or display columns. */
function textWidth(text: string): number {
  let width = 0;
  for (const _ of text) width++;
  return width;
}

export class TabWriter {
  /** RememberWidths: per-column maximum widths seen by earlier blocks and flushes. */
  private rememberedWidths: number[] = [];

  constructor(private readonly settings: TabWriterSettings = KUBECTL_TAB_WRITER) {}

  /** Forget the remembered widths (kubectl does so when it moves to the next resource type). */
  resetWidths(): void {
    this.rememberedWidths = [];
  }

  /** Formats the rows (each a list of cells) as one flush; every line ends with `\n`. */
  format(rows: string[][]): string {
    const out: string[] = [];
    this.formatColumn(rows, 0, rows.length, [], out);
    return out.join('');
  }

  /** Text of lines [line0, line1) given the widths of the columns left of `widths.length`. */
  private formatColumn(rows: string[][], line0: number, line1: number, widths: number[], out: string[]): void {
    const column = widths.length;
    let blockStart = line0;
    for (let line = line0; line < line1; line++) {
      if (column >= cellCount(rows, line) - 1) continue;
      // A block of this column starts here; everything before it has no cell in this column.
      this.writeLines(rows, blockStart, line, widths, out);
      blockStart = line;
      let width = this.settings.minWidth;
      for (; line < line1 && column < cellCount(rows, line) - 1; line++) {
        width = Math.max(width, textWidth(rows[line]?.[column] ?? '') + this.settings.padding);
      }
      width = this.rememberWidth(widths, width);
      this.formatColumn(rows, blockStart, line, [...widths, width], out);
      blockStart = line;
    }
    this.writeLines(rows, blockStart, line1, widths, out);
  }

  /** Widths only ever grow across blocks and flushes, so streamed rows stay aligned. */
  private rememberWidth(widths: number[], width: number): number {
    if (!this.settings.rememberWidths) return width;
    const remembered = this.rememberedWidths;
    if (remembered.length < widths.length) remembered.push(...widths.slice(remembered.length));
    const previous = remembered[widths.length];
    if (previous === undefined) {
      remembered.push(width);
      return width;
    }
    if (previous > width) return previous;
    remembered[widths.length] = width;
    return width;
  }

  private writeLines(rows: string[][], line0: number, line1: number, widths: number[], out: string[]): void {
    for (let line = line0; line < line1; line++) {
      const cells = rows[line] ?? [];
      cells.forEach((cell, index) => {
        out.push(cell);
        const width = widths[index];
        if (width !== undefined) out.push(' '.repeat(Math.max(0, width - textWidth(cell))));
      });
      out.push('\n');
    }
  }
}

function cellCount(rows: string[][], line: number): number {
  return rows[line]?.length ?? 0;
}

/** One-shot formatting with kubectl's settings. */
export function tabWriter(rows: string[][]): string {
  return new TabWriter().format(rows);
}
