// `exec` for the process runtime: the command runs with the container's environment and working
// directory, in its namespaces, root and cgroups (the shim joins those of the container's main
// process), in its own process group, through `kctl-shim exec` so that a command that cannot
// start fails with the same runc wording as a container (exec: "x": executable file not found
// in $PATH). Without a TTY the shim execs in place and the pipes below are the command's own;
// with one, the shim runs it on a pseudo-terminal and relays (resizes arrive on fd 4).
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { Writable, type Readable } from 'node:stream';
import { ContainerStartError, type ExecIO } from './container-runtime.js';
import type { ProcessIdentity } from './container-state-dir.js';
import { readAll } from './shim-launcher.js';

export interface ExecContext {
  shimPath: string;
  env: Record<string, string>;
  cwd?: string;
  /** the container's main process, whose namespaces and root the command joins */
  container?: ProcessIdentity;
  /** the container's cgroups: the command counts against its limits */
  cgroups?: string[];
}

export async function execInContext(context: ExecContext, argv: string[], io: ExecIO): Promise<number> {
  const args = [
    'exec',
    ...(io.tty ? ['--tty'] : []),
    ...(context.cwd ? ['--cwd', context.cwd] : []),
    ...(context.container ? ['--pid', String(context.container.pid), '--start-ticks', context.container.startTicks] : []),
    ...(context.cgroups ?? []).flatMap((cgroup) => ['--cgroup', cgroup]),
    '--',
    ...argv,
  ];
  const child = spawn(context.shimPath, args, {
    env: context.env,
    detached: true, // own session and process group, like the container's processes
    stdio: [io.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe', 'pipe', io.tty ? 'pipe' : 'ignore'],
  });
  const closed = new Promise<number>((resolve, reject) => {
    child.once('error', (error) => reject(new Error(`cannot run kctl-shim at ${context.shimPath}: ${error.message}`)));
    child.once('close', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  });
  if (io.stdin && child.stdin) {
    child.stdin.on('error', () => {}); // the command may exit without reading all of its input
    io.stdin.pipe(child.stdin);
  }
  child.stdout?.pipe(io.stdout ?? discard(), { end: false });
  child.stderr?.pipe((io.tty ? io.stdout : io.stderr) ?? discard(), { end: false });
  const resizes = child.stdio[4] as Writable | null;
  if (resizes) {
    resizes.on('error', () => {});
    io.onResize?.(({ cols, rows }) => {
      if (resizes.writable) resizes.write(`${cols} ${rows}\n`);
    });
  }
  try {
    const [startError, exitCode] = await Promise.all([readAll(child.stdio[3] as Readable), closed]);
    if (startError) throw new ContainerStartError(startError.trim());
    return exitCode;
  } finally {
    if (io.stdin && child.stdin) io.stdin.unpipe(child.stdin);
    resizes?.end();
  }
}

/** A stream nobody asked for still has to be read, or the command blocks on a full pipe. */
function discard(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}
