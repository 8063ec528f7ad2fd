// The local side of `-t`: raw mode while attached (restored on every exit path) and the
// terminal's size, re-sent on SIGWINCH, for the remote pty.
import type { TerminalSize } from '@kctl/shared';
import type { TerminalSizeSource } from './remote-command.js';

export function stdinIsTerminal(): boolean {
  return Boolean(process.stdin.isTTY);
}

/** Runs `fn` with stdin in raw mode; the terminal is restored however `fn` ends. */
export async function withRawTerminal<T>(fn: () => Promise<T>): Promise<T> {
  const stdin = process.stdin;
  const wasRaw = stdin.isRaw;
  stdin.setRawMode(true);
  const restore = () => stdin.setRawMode(wasRaw);
  process.once('exit', restore);
  try {
    return await fn();
  } finally {
    process.off('exit', restore);
    restore();
  }
}

export function stdoutSizes(): TerminalSizeSource {
  const size = (): TerminalSize => ({ cols: process.stdout.columns ?? 0, rows: process.stdout.rows ?? 0 });
  return {
    current: size,
    onChange(listener) {
      const onResize = () => listener(size());
      process.stdout.on('resize', onResize);
      return () => process.stdout.off('resize', onResize);
    },
  };
}
