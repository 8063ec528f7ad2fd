// Go's text/tabwriter as kubectl describe configures it (tabbedString in describe.go: minwidth 0,
// tabwidth 8, padding 2, padchar ' ', no flags), over the shared port: text is written with tabs
// and newlines, and each flush is formatted on its own. Alignment is per *column block*:
// consecutive lines that all have a cell in a column share its width — what makes "QoS Class:"
// line up with the volume lines above it, as in kubectl's output.
import { TabWriter as ColumnWriter } from '@kctl/shared';
import type { TabWriterSettings } from '@kctl/shared';

export const DESCRIBE_TAB_OPTIONS: TabWriterSettings = { minWidth: 0, padding: 2, rememberWidths: false };

export class TabWriter {
  private pending = '';
  private out = '';

  constructor(private readonly options: TabWriterSettings = DESCRIBE_TAB_OPTIONS) {}

  write(text: string): void {
    this.pending += text;
  }

  /** Formats everything written so far; later text starts new column blocks. */
  flush(): void {
    if (this.pending === '') return;
    // Every line but the last ended with '\n'; each cell but a line's last ended with '\t'.
    const rows = this.pending.split('\n').map((line) => line.split('\t'));
    this.pending = '';
    // The shared writer ends every row with '\n'; the text after the last newline has none.
    this.out += new ColumnWriter(this.options).format(rows).slice(0, -1);
  }

  toString(): string {
    this.flush();
    return this.out;
  }
}
