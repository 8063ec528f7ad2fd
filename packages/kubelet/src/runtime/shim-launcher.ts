// Starting a container through kctl-shim: the runtime spawns `kctl-shim run`, the shim detaches
// and reports on fd 3 ("ok PID" or "error MESSAGE") once the container runs or failed to start.
// Nothing of the kubelet is inherited by the shim but that pipe and stderr (for diagnostics of a
// broken shim), and both are closed when the handshake is over.
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { ContainerStartError } from './container-runtime.js';

export interface ShimRunOptions {
  shimPath: string;
  stateDir: string;
  logPath: string;
  stdin: boolean;
  tty: boolean;
  /** the cgroups the container process joins before execve (the shim stays where it is) */
  cgroups: string[];
}

/** Resolves with the container's pid once it runs; rejects with ContainerStartError if it cannot. */
export async function startShim(options: ShimRunOptions): Promise<number> {
  const args = ['run', '--state-dir', options.stateDir, '--log', options.logPath];
  if (options.stdin) args.push('--stdin');
  if (options.tty) args.push('--tty');
  for (const cgroup of options.cgroups) args.push('--cgroup', cgroup);
  const child = spawn(options.shimPath, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve, reject) => {
    child.once('error', (error) => reject(new Error(`cannot run kctl-shim at ${options.shimPath}: ${error.message}`)));
    child.once('close', () => resolve());
  });
  const [status, stderr] = await Promise.all([readAll(child.stdio[3] as Readable), readAll(child.stderr), exited]);
  const ok = /^ok (\d+)\n$/.exec(status);
  if (ok) return Number(ok[1]);
  if (status.startsWith('error ')) throw new ContainerStartError(status.slice('error '.length).trimEnd());
  throw new Error(`kctl-shim did not start the container: ${stderr.trim() || 'no status reported'}`);
}

export async function readAll(stream: Readable | null): Promise<string> {
  if (!stream) return '';
  let text = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream) text += chunk as string;
  return text;
}
