// Runs one exec or attach session from the command line: kubectl's TTY rules (a TTY needs -i
// and a terminal on stdin, else a notice and none), raw mode while connected, and the outcome
// turned into kubectl's exit behaviour (`command terminated with exit code N`, exit N).
import { Writable } from 'node:stream';
import { resourcePath } from '@kctl/shared';
import type { ResourceType } from '@kctl/shared';
import type { CliContext } from '../../cli-context.js';
import { runRemoteCommand } from './remote-command.js';
import { stdinIsTerminal, stdoutSizes, withRawTerminal } from './local-terminal.js';

export interface PodSessionRequest {
  subresource: 'exec' | 'attach';
  namespace: string;
  pod: string;
  container: string;
  command?: string[];
  stdin: boolean;
  /** the user asked for a TTY (already reconciled with the container for attach) */
  tty: boolean;
  /** attach's hint once the terminal is raw */
  promptHint?: boolean;
  /** called with the size of each chunk of output the container sends (stdout and stderr) */
  onOutput?: (bytes: number) => void;
}

export const NOT_A_TERMINAL = 'Unable to use a TTY - input is not a terminal or the right kind of file';

/** Whether the session really gets a TTY: only with stdin from a terminal (kubectl setupTTY). */
export function resolveTty(wanted: boolean, stdin: boolean, isTerminal: boolean, warn: (line: string) => void): boolean {
  if (!wanted || !stdin) return false;
  if (!isTerminal) {
    warn(NOT_A_TERMINAL);
    return false;
  }
  return true;
}

/** The exec/attach query as kubectl builds it: flags only when true; no stderr with a TTY. */
export function sessionQuery(req: Pick<PodSessionRequest, 'container' | 'command' | 'stdin'>, tty: boolean): Record<string, string | string[]> {
  return {
    ...(req.command ? { command: req.command } : {}),
    container: req.container,
    ...(req.stdin ? { stdin: 'true' } : {}),
    stdout: 'true',
    ...(tty ? { tty: 'true' } : { stderr: 'true' }),
  };
}

/** The stream itself, or a pass-through that reports each chunk's size first. */
function counted(stream: NodeJS.WriteStream, onOutput: ((bytes: number) => void) | undefined): Writable {
  if (!onOutput) return stream;
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      onOutput(chunk.length);
      stream.write(chunk, done);
    },
  });
}

export async function runPodSession(ctx: CliContext, podType: ResourceType, req: PodSessionRequest): Promise<number> {
  const warn = (line: string) => process.stderr.write(`${line}\n`);
  const tty = resolveTty(req.tty, req.stdin, stdinIsTerminal(), warn);
  const run = () =>
    runRemoteCommand({
      connection: ctx.client.connection,
      path: resourcePath(podType, req.namespace, req.pod, req.subresource),
      query: sessionQuery(req, tty),
      ...(req.stdin ? { stdin: process.stdin } : {}),
      stdout: counted(process.stdout, req.onOutput),
      stderr: counted(process.stderr, req.onOutput),
      ...(tty ? { sizes: stdoutSizes() } : {}),
      userAgent: 'kctl/v1.32.0 (linux/amd64)',
    });
  if (tty && req.promptHint) warn("If you don't see a command prompt, try pressing enter.");
  const outcome = tty ? await withRawTerminal(run) : await run();
  if ('error' in outcome) throw new Error(outcome.error);
  if (outcome.exitCode !== 0) warn(`command terminated with exit code ${outcome.exitCode}`);
  return outcome.exitCode;
}
