// kubectl's PrefixWriter (describe.go): every describe line is written at an indentation level
// of two spaces per level, through printers.WriteEscaped, into one tab writer.
import { TabWriter } from './tab-writer.js';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

/**
 * cli-runtime's EscapeTerminal: object data must not be able to drive the user's terminal,
 * so ESC and CR are shown as visible text.
 */
export function escapeTerminal(text: string): string {
  return text.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
}

export class PrefixWriter {
  constructor(private readonly out: TabWriter) {}

  /** Writes `text` (which carries its own "\t" cell breaks and "\n") after `level` indents. */
  write(level: number, text: string): void {
    this.out.write(escapeTerminal('  '.repeat(level) + text));
  }

  /** Go's fmt.Sprintln: the value and a newline, with no indentation. */
  writeLine(text = ''): void {
    this.out.write(escapeTerminal(`${text}\n`));
  }

  flush(): void {
    this.out.flush();
  }
}

/** describe.go's tabbedString: runs a body against a fresh writer and returns the aligned text. */
export function tabbedString(body: (w: PrefixWriter) => void): string {
  const out = new TabWriter();
  body(new PrefixWriter(out));
  return out.toString();
}
