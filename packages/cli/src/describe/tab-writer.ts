// A port of Go's text/tabwriter as kubectl describe configures it (tabbedString in describe.go:
// minwidth 0, tabwidth 8, padding 2, padchar ' ', no flags). Alignment is per *column block*:
// consecutive lines that all have a cell in a column share its width, and a line without that
// cell ends the block. Reproducing that rule (not a global column width) is what makes our
// output match kubectl byte for byte, e.g. "QoS Class:" lining up with the volume lines above it.

interface Cell {
  text: string;
  /** display width in code points, as Go counts runes */
  width: number;
}

export interface TabWriterOptions {
  minWidth: number;
  padding: number;
}

export const DESCRIBE_TAB_OPTIONS: TabWriterOptions = { minWidth: 0, padding: 2 };

export class TabWriter {
  private pending = '';
  private out = '';

  constructor(private readonly options: TabWriterOptions = DESCRIBE_TAB_OPTIONS) {}

  write(text: string): void {
    this.pending += text;
  }

  /** Formats everything written so far; later text starts new column blocks. */
  flush(): void {
    if (this.pending === '') return;
    const rawLines = this.pending.split('\n');
    this.pending = '';
    // Every line but the last ended with '\n'; each cell but a line's last ended with '\t'.
    const lines = rawLines.map((line) => line.split('\t').map((text): Cell => ({ text, width: [...text].length })));
    const rendered: string[] = [];
    this.format(lines, 0, lines.length, [], rendered);
    this.out += rendered.join('\n');
  }

  toString(): string {
    this.flush();
    return this.out;
  }

  private format(lines: Cell[][], start: number, end: number, widths: number[], rendered: string[]): void {
    const column = widths.length;
    let line0 = start;
    for (let current = start; current < end; current++) {
      // The last cell of a line is not tab-terminated and belongs to no column.
      if (column >= (lines[current]?.length ?? 0) - 1) continue;
      this.writeLines(lines, line0, current, widths, rendered);
      line0 = current;
      let width = this.options.minWidth;
      for (; current < end; current++) {
        const line = lines[current] ?? [];
        if (column >= line.length - 1) break;
        width = Math.max(width, (line[column]?.width ?? 0) + this.options.padding);
      }
      widths.push(width);
      this.format(lines, line0, current, widths, rendered);
      widths.pop();
      line0 = current;
    }
    this.writeLines(lines, line0, end, widths, rendered);
  }

  private writeLines(lines: Cell[][], start: number, end: number, widths: number[], rendered: string[]): void {
    for (let i = start; i < end; i++) {
      const cells = lines[i] ?? [];
      rendered.push(
        cells.map((cell, j) => {
          const cellWidth = widths[j];
          return cellWidth === undefined ? cell.text : cell.text + ' '.repeat(Math.max(0, cellWidth - cell.width));
        }).join(''),
      );
    }
  }
}
