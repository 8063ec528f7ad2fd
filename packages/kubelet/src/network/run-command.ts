// Runs a short-lived network tool (ip, iptables) with optional stdin and collects its output.
// Plain child_process rather than execa: set-up runs two of these per pod and every
// millisecond of spawn overhead shows in the pod start time.
import { spawn } from 'node:child_process';

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** The command ran and failed; stderr is kept because it names the failing batch line. */
export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly result: CommandResult,
  ) {
    super(`${command} failed (exit ${result.exitCode}): ${result.stderr.trim() || result.stdout.trim() || 'no output'}`);
    this.name = 'CommandError';
  }
}

/** Resolves with the result whatever the exit code; rejects only when FILE cannot be started. */
export function runCommand(file: string, args: readonly string[], input = ''): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin.on('error', () => {}); // a tool that exits early must not crash us with EPIPE
    child.stdin.end(input);
    child.once('error', (error) => reject(new Error(`cannot run ${file}: ${error.message}`)));
    child.once('close', (code, signal) => resolve({ exitCode: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

/** Like runCommand, but a non-zero exit is a CommandError. */
export async function runChecked(file: string, args: readonly string[], input = ''): Promise<string> {
  const result = await runCommand(file, args, input);
  if (result.exitCode !== 0) throw new CommandError([file, ...args].join(' '), result);
  return result.stdout;
}

/**
 * Runs LINES through one `ip -batch -` (inside NETNS when given): one process for a whole recipe.
 * FORCE keeps going past failing lines (for tear-down, where the caller verifies the end state).
 */
export function ipBatch(lines: readonly string[], options: { netns?: string; force?: boolean } = {}): Promise<CommandResult> {
  const args = [...(options.netns ? ['-n', options.netns] : []), ...(options.force ? ['-force'] : []), '-batch', '-'];
  return runCommand('ip', args, lines.map((line) => `${line}\n`).join(''));
}

/** ipBatch that throws a CommandError naming the batch when any line fails. */
export async function ipBatchChecked(lines: readonly string[], netns?: string): Promise<void> {
  const result = await ipBatch(lines, netns ? { netns } : {});
  if (result.exitCode !== 0) {
    throw new CommandError(`ip ${netns ? `-n ${netns} ` : ''}-batch [${lines.join('; ')}]`, result);
  }
}

/**
 * Several `ip -batch` recipes (each inside its own netns, or on the host) run by ONE /bin/sh, in
 * order, stopping at the first that fails. Forking the kubelet (a large Node process) costs
 * milliseconds per spawn; forking a shell costs next to nothing, so a pod set-up pays for one.
 */
export async function ipBatchesChecked(batches: ReadonlyArray<{ lines: readonly string[]; netns?: string }>): Promise<void> {
  const script = batches
    .map(({ lines, netns }, i) => `ip ${netns ? `-n ${netns} ` : ''}-batch - <<'KCTL_BATCH_${i}' || exit $?\n${lines.join('\n')}\nKCTL_BATCH_${i}`)
    .join('\n');
  const result = await runCommand('/bin/sh', ['-c', script]);
  if (result.exitCode !== 0) {
    const described = batches.map(({ lines, netns }) => `ip ${netns ? `-n ${netns} ` : ''}-batch [${lines.join('; ')}]`).join(' && ');
    throw new CommandError(described, result);
  }
}
