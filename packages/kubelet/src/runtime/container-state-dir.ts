// The on-disk record of one container instance: <stateDir>/<id>/. The runtime writes what to run
// (meta.json, argv, env, cwd, sandbox); the shim writes what happened (shim.pid, pid, started, exit) —
// see packages/kubelet/native/main.c. Everything a restarted kubelet needs is here, which is
// what makes adoption work.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PodRef } from './container-runtime.js';

/** What the runtime remembers about an instance besides what the shim records. */
export interface ContainerMeta {
  pod: PodRef;
  containerName: string;
  attempt: number;
  logPath: string;
  stdin: boolean;
  tty: boolean;
  createdAt: string;
  /** the cgroup dirs enforcing the container's limits (absent: ran without limits) */
  cgroups?: string[];
  /** the one cgroup of records written before cpu and pids limits (adopted containers) */
  memoryCgroup?: string;
}

/** What the container runs and where: argv/env/cwd files, and the pod context for the shim. */
export interface ContainerSpecFiles {
  argv: string[];
  env: Record<string, string>;
  cwd?: string;
  /** tokens of the `sandbox` file (sandbox-file.ts); absent: the container runs on the host */
  sandbox?: string[];
}

/** The shim's `exit` record, or one the runtime wrote for a shim that died (exit code 255). */
export interface ExitRecord {
  exitCode: number;
  signal?: string;
  startedAt?: string;
  finishedAt: string;
  startError?: string;
  /** SIGKILLed by the kernel's OOM killer in the container's memory cgroup */
  oomKilled?: boolean;
}

/** The container's main process: pid plus its start time in clock ticks (pid reuse guard). */
export interface ProcessIdentity {
  pid: number;
  startTicks: string;
}

const CONTAINER_ID = /^[0-9a-f]{12,64}$/;

export class ContainerStateDir {
  readonly path: string;

  constructor(root: string, readonly id: string) {
    // The id becomes a path: never let "../x" or "/" through.
    if (!CONTAINER_ID.test(id)) throw new Error(`invalid container id ${JSON.stringify(id)}`);
    this.path = join(root, id);
  }

  get socketPath(): string {
    return join(this.path, 'attach.sock');
  }

  async create(meta: ContainerMeta, { argv, env, cwd, sandbox }: ContainerSpecFiles): Promise<void> {
    const entries = [...argv, ...Object.entries(env).map(([k, v]) => `${k}=${v}`)];
    if (entries.some((s) => s.includes('\0'))) throw new Error('argv and env must not contain NUL bytes');
    await mkdir(this.path, { recursive: true });
    await Promise.all([
      writeFile(join(this.path, 'argv'), nulList(argv)),
      writeFile(join(this.path, 'env'), nulList(Object.entries(env).map(([k, v]) => `${k}=${v}`))),
      cwd === undefined ? undefined : writeFile(join(this.path, 'cwd'), cwd),
      sandbox === undefined ? undefined : writeFile(join(this.path, 'sandbox'), nulList(sandbox)),
    ]);
    // meta.json goes last and whole (temp + rename): a concurrent list() — another kubelet's
    // `--stop-all-containers`, say — sees either a complete record or none.
    const metaFile = join(this.path, 'meta.json');
    await writeFile(`${metaFile}.tmp`, JSON.stringify(meta));
    await rename(`${metaFile}.tmp`, metaFile);
  }

  async readMeta(): Promise<ContainerMeta | undefined> {
    const text = await this.read('meta.json');
    return text === undefined ? undefined : (JSON.parse(text) as ContainerMeta);
  }

  async readExit(): Promise<ExitRecord | undefined> {
    const text = await this.read('exit');
    return text === undefined ? undefined : (JSON.parse(text) as ExitRecord);
  }

  async readProcess(): Promise<ProcessIdentity | undefined> {
    const [pid, startTicks] = (await this.read('pid'))?.split('\n') ?? [];
    return pid && startTicks ? { pid: Number(pid), startTicks } : undefined;
  }

  async readShimPid(): Promise<number | undefined> {
    const text = await this.read('shim.pid');
    return text === undefined ? undefined : Number(text.trim());
  }

  async readStartedAt(): Promise<string | undefined> {
    return (await this.read('started'))?.trim();
  }

  /** The environment and working directory the container was started with (for exec). */
  async readContext(): Promise<{ env: Record<string, string>; cwd?: string }> {
    const env: Record<string, string> = {};
    for (const entry of ((await this.read('env')) ?? '').split('\0')) {
      const eq = entry.indexOf('=');
      if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
    }
    return { env, cwd: await this.read('cwd') };
  }

  /** Written only when the shim cannot (it died): same atomic temp-then-rename as the shim's. */
  async writeExit(record: ExitRecord): Promise<void> {
    const file = join(this.path, 'exit');
    await writeFile(`${file}.runtime.tmp`, `${JSON.stringify(record)}\n`);
    await rename(`${file}.runtime.tmp`, file);
  }

  /** Everything, the overlay's upper dir included (root-owned files of the container: rm -rf). */
  async remove(): Promise<void> {
    await rm(this.path, { recursive: true, force: true });
  }

  private async read(name: string): Promise<string | undefined> {
    try {
      return await readFile(join(this.path, name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}

function nulList(items: string[]): string {
  return items.map((s) => `${s}\0`).join('');
}
