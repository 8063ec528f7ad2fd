// Runs a command under a real pseudo-terminal with util-linux `script`, as a user's terminal
// would: `kubectl exec -it` then sees a TTY on its stdin and stdout and asks for one remotely.
import { execa } from 'execa';
import { existsSync } from 'node:fs';

export const hasScript = existsSync('/usr/bin/script');

export interface PtyResult {
  /** Everything the terminal showed (echo included), with CR LF turned into LF. */
  output: string;
  exitCode: number;
}

/** Type `send` once the terminal has shown `after` (so the remote side is reading by then). */
export interface PtyStep {
  after: string;
  send: string;
}

function shellQuote(arg: string): string {
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** Runs argv under `script -qec` (-e passes the command's exit code through), typing `steps`. */
export async function runInPty(argv: string[], env: Record<string, string>, steps: PtyStep[]): Promise<PtyResult> {
  const child = execa('script', ['-qec', argv.map(shellQuote).join(' '), '/dev/null'], {
    env,
    reject: false,
    stdin: 'pipe',
    buffer: true,
    timeout: 30_000,
  });
  let shown = '';
  const pending = [...steps];
  child.stdout?.on('data', (chunk: Buffer) => {
    shown += chunk.toString('utf8');
    while (pending[0] && shown.includes(pending[0].after)) child.stdin?.write(pending.shift()!.send);
    if (pending.length === 0) child.stdin?.end();
  });
  if (pending.length === 0) child.stdin?.end();
  const result = await child;
  return { output: String(result.stdout).replaceAll('\r\n', '\n'), exitCode: result.exitCode ?? 1 };
}
