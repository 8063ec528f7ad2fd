// Starts the real API server bundle as a child process on a free port with its own data dir,
// and stops it by pid. Used where a test must kill or restart the API server itself.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { singleClusterKubeconfig } from '@kctl/shared';
import { APISERVER_ENTRY } from './paths.js';
import { freePort } from './free-port.js';

export interface ApiServerProcess {
  dataDir: string;
  port: number;
  server: string;
  kubeconfig: string;
  child: ChildProcess;
  /** Starts it again on the same port and data directory (after a kill). */
  restart(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

async function waitReady(server: string, child: ChildProcess, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`API server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${server}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('API server did not become ready');
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

export async function startApiServer(opts: { dataDir?: string } = {}): Promise<ApiServerProcess> {
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'kctl-e2e-')));
  const port = await freePort();
  const server = `http://127.0.0.1:${port}`;
  const kubeconfig = join(dataDir, 'kubeconfig');
  await writeFile(kubeconfig, stringify(singleClusterKubeconfig('kctl', server)), { mode: 0o600 });
  const launch = () => spawn(process.execPath, [APISERVER_ENTRY, '--data-dir', dataDir, '--port', String(port), '--log-level', 'warn'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const handle: ApiServerProcess = {
    dataDir,
    port,
    server,
    kubeconfig,
    child: launch(),
    async restart() {
      handle.child = launch();
      await waitReady(server, handle.child);
    },
    async kill(signal = 'SIGKILL') {
      handle.child.kill(signal);
      await exited(handle.child);
    },
    async stop() {
      if (handle.child.exitCode === null && handle.child.signalCode === null) {
        handle.child.kill('SIGTERM');
        await exited(handle.child);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  await waitReady(server, handle.child);
  return handle;
}
