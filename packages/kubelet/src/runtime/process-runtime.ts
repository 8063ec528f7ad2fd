// The `process` runtime: every container is a real process in its own session and process
// group, supervised by its own kctl-shim (packages/kubelet/native). The shim, not the kubelet,
// is the container's parent: it writes the CRI log, keeps stdin/the TTY for attach and records
// the exit code, so the workload and its exit status survive a kubelet restart. All the runtime
// keeps is <stateDir>/<id>/ on disk; a new ProcessRuntime on the same stateDir adopts everything.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { attachToShim } from './attach-client.js';
import {
  ContainerStartError,
  type ContainerLaunch,
  type ContainerRuntime,
  type ContainerState,
  type ContainerSummary,
  type ExecIO,
  type PodRef,
} from './container-runtime.js';
import { readContainerState } from './container-state-reader.js';
import { ContainerStateDir } from './container-state-dir.js';
import { DEFAULT_MEMORY_CGROUP_ROOT, createMemoryCgroup, memoryCgroupsUsable, removeCgroupDir } from './memory-cgroup.js';
import { execInContext } from './process-exec.js';
import { signalProcessGroup } from './process-identity.js';
import { ContainerNotFoundError, ContainerStateError } from './runtime-errors.js';
import { startShim } from './shim-launcher.js';
import { defaultShimPath } from './shim-path.js';
import { StateDirWatcher } from './state-dir-watch.js';

export interface ProcessRuntimeOptions {
  /** <root-dir>/containers: one directory per container instance */
  stateDir: string;
  /** default: $KCTL_SHIM, else the kctl-shim built next to the kubelet */
  shimPath?: string;
  /** how often waitForExit re-checks besides inotify (catches shims that died); default 250 ms */
  pollIntervalMs?: number;
  /** relative memory cgroup for this kubelet's containers (e.g. kctl-<hash of root dir>);
   * without it, memory limits are not enforced */
  cgroupParent?: string;
  /** where cgroup v1 memory is mounted; default /sys/fs/cgroup/memory */
  memoryCgroupRoot?: string;
  /** told when a limit cannot be enforced (the container still starts) */
  onWarning?: (message: string, details: Record<string, unknown>) => void;
}

export class ProcessRuntime implements ContainerRuntime {
  readonly name = 'process';
  private readonly shimPath: string;
  private readonly pollIntervalMs: number;
  /** ids whose start() runs in this process: their dirs exist before their shims do */
  private readonly starting = new Set<string>();
  private readonly memoryCgroupRoot: string;
  private cgroupsUsable: Promise<boolean> | undefined;

  constructor(private readonly options: ProcessRuntimeOptions) {
    this.shimPath = options.shimPath ?? defaultShimPath();
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.memoryCgroupRoot = options.memoryCgroupRoot ?? DEFAULT_MEMORY_CGROUP_ROOT;
  }

  async start(pod: PodRef, container: ContainerLaunch): Promise<string> {
    if (container.argv.length === 0) throw new ContainerStartError('no command specified');
    const id = randomBytes(8).toString('hex');
    const dir = this.dir(id);
    let memoryCgroup: string | undefined;
    this.starting.add(id);
    try {
      await mkdir(dirname(container.logPath), { recursive: true });
      const meta = {
        pod: { uid: pod.uid, namespace: pod.namespace, name: pod.name },
        containerName: container.name,
        attempt: container.attempt,
        logPath: container.logPath,
        stdin: container.stdin,
        tty: container.tty,
        createdAt: new Date().toISOString(),
        ...(container.memoryLimitBytes !== undefined ? { memoryLimitBytes: container.memoryLimitBytes } : {}),
      };
      memoryCgroup = await this.memoryCgroupFor(id, container);
      await dir.create({ ...meta, ...(memoryCgroup ? { memoryCgroup } : {}) }, container.argv, container.env, container.workingDir);
      await startShim({ ...meta, shimPath: this.shimPath, stateDir: dir.path, ...(memoryCgroup ? { memoryCgroup } : {}) });
      return id;
    } catch (error) {
      // A container that never ran leaves nothing behind: the error carries the message, and
      // the kubelet reports StartError (exit code 128) from it.
      await dir.remove();
      if (memoryCgroup) await removeCgroupDir(memoryCgroup);
      throw error;
    } finally {
      this.starting.delete(id);
    }
  }

  async stop(id: string, gracePeriodSeconds: number): Promise<void> {
    const dir = this.dir(id);
    if ((await this.inspect(id)).status === 'exited') return this.releaseCgroup(dir);
    const process = await dir.readProcess();
    if (process) await signalProcessGroup(process, 'SIGTERM');
    const graceOver = AbortSignal.timeout(Math.max(0, gracePeriodSeconds) * 1000);
    try {
      await this.waitForExit(id, graceOver);
      return await this.releaseCgroup(dir);
    } catch (error) {
      if (!graceOver.aborted) throw error;
    }
    if (process) await signalProcessGroup(process, 'SIGKILL');
    await this.waitForExit(id);
    await this.releaseCgroup(dir);
  }

  inspect(id: string): Promise<ContainerState> {
    return readContainerState(this.dir(id), this.starting.has(id));
  }

  async list(): Promise<ContainerSummary[]> {
    let names: string[];
    try {
      names = await readdir(this.options.stateDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const summaries = await Promise.all(names.map((name) => this.summarize(name)));
    return summaries.filter((s): s is ContainerSummary => s !== undefined);
  }

  async remove(id: string): Promise<void> {
    const dir = this.dir(id);
    let state: ContainerState;
    try {
      state = await this.inspect(id);
    } catch (error) {
      if (error instanceof ContainerNotFoundError) return;
      throw error;
    }
    if (state.status !== 'exited') throw new ContainerStateError(id, `container ${id} is still running; stop it first`);
    await this.releaseCgroup(dir);
    await dir.remove();
  }

  /**
   * Removes the cgroups of exited containers the shims could not (a dead shim, a straggler that
   * held the cgroup a moment longer), then the kubelet's cgroup parent once it is empty. For
   * `--stop-all-containers`, after everything has stopped.
   */
  async removeCgroups(): Promise<void> {
    if (!this.options.cgroupParent) return;
    for (const container of await this.list()) {
      if (container.state.status === 'exited') await this.releaseCgroup(this.dir(container.id));
    }
    await removeCgroupDir(join(this.memoryCgroupRoot, this.options.cgroupParent));
  }

  async exec(id: string, argv: string[], io: ExecIO): Promise<number> {
    await this.requireRunning(id);
    const context = await this.dir(id).readContext();
    return execInContext({ shimPath: this.shimPath, ...context }, argv, io);
  }

  async attach(id: string, io: ExecIO): Promise<void> {
    await this.requireRunning(id);
    await attachToShim(this.dir(id).path, 'attach.sock', io);
  }

  async waitForExit(id: string, signal?: AbortSignal): Promise<ContainerState> {
    const watcher = new StateDirWatcher(this.dir(id).path, this.pollIntervalMs);
    try {
      for (;;) {
        const state = await this.inspect(id);
        if (state.status === 'exited') return state;
        await watcher.next(signal);
      }
    } finally {
      watcher.close();
    }
  }

  private async summarize(name: string): Promise<ContainerSummary | undefined> {
    let dir: ContainerStateDir;
    try {
      dir = this.dir(name);
    } catch {
      return undefined; // not one of ours
    }
    // A record written by an older build may be half-written if a start was cut short: skip it
    // rather than failing the whole list (stop-all-containers must stop everything it can).
    const meta = await dir.readMeta().catch(() => undefined);
    if (!meta) return undefined;
    try {
      const state = await this.inspect(name);
      return { id: name, pod: meta.pod, containerName: meta.containerName, attempt: meta.attempt, logPath: meta.logPath, state };
    } catch (error) {
      if (error instanceof ContainerNotFoundError) return undefined; // removed meanwhile
      throw error;
    }
  }

  /** The container's memory cgroup with its limit, or undefined to run it without one. */
  private async memoryCgroupFor(id: string, container: ContainerLaunch): Promise<string | undefined> {
    const limit = container.memoryLimitBytes;
    if (limit === undefined) return undefined;
    const parent = this.options.cgroupParent;
    this.cgroupsUsable ??= memoryCgroupsUsable(this.memoryCgroupRoot);
    if (!parent || !(await this.cgroupsUsable)) {
      const why = parent ? `cgroup v1 memory is not writable at ${this.memoryCgroupRoot}` : 'no cgroup parent configured';
      this.options.onWarning?.(`memory limit not enforced: ${why}`, { container: container.name, memoryLimitBytes: limit });
      return undefined;
    }
    try {
      return await createMemoryCgroup(this.memoryCgroupRoot, parent, id, limit);
    } catch (error) {
      // cgroups work here, so this limit itself was refused: a start error, not a silent no-limit.
      throw new ContainerStartError(`setting memory limit ${limit}: ${(error as Error).message}`);
    }
  }

  /** rmdir of an exited container's cgroup; the shim normally did it already. */
  private async releaseCgroup(dir: ContainerStateDir): Promise<void> {
    const cgroup = (await dir.readMeta().catch(() => undefined))?.memoryCgroup;
    if (cgroup) await removeCgroupDir(cgroup);
  }

  private async requireRunning(id: string): Promise<void> {
    const state = await this.inspect(id);
    if (state.status !== 'running') throw new ContainerStateError(id, `container ${id} is not running`);
  }

  private dir(id: string): ContainerStateDir {
    return new ContainerStateDir(this.options.stateDir, id);
  }
}
