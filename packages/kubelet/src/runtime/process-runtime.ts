// The `process` runtime: every container is a real process in its own session and process
// group, supervised by its own kctl-shim (packages/kubelet/native). The shim, not the kubelet,
// is the container's parent: it writes the CRI log, keeps stdin/the TTY for attach and records
// the exit code, so the workload and its exit status survive a kubelet restart. All the runtime
// keeps is <stateDir>/<id>/ on disk; a new ProcessRuntime on the same stateDir adopts everything.
// With a sandbox, the shim runs the container inside its Pod's context (native/pod-context.c):
// the pod's network namespace, its own hostname, a copy-on-write view of the host's root with the
// volumes mounted; cgroups (container-cgroup-limits.ts) enforce memory, cpu and pids limits.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import { dirname } from 'node:path';
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
import { ContainerCgroupLimits } from './container-cgroup-limits.js';
import { DEFAULT_CGROUP_ROOT, removeCgroupDir } from './container-cgroups.js';
import { execInContext } from './process-exec.js';
import { signalProcessGroup } from './process-identity.js';
import { ContainerNotFoundError, ContainerStateError } from './runtime-errors.js';
import { sandboxTokens } from './sandbox-file.js';
import { startShim } from './shim-launcher.js';
import { defaultShimPath } from './shim-path.js';
import { StateDirWatcher } from './state-dir-watch.js';

export interface ProcessRuntimeOptions {
  /** <root-dir>/containers: one directory per container instance */
  stateDir: string;
  /** default: $KCTL_SHIM, else the kctl-shim built next to the kubelet */
  shimPath?: string;
  /** how often waitForExit re-checks besides inotify (only to catch shims that died without a
   * word); default 1 s: every running container pays for it, so it must stay cheap at 500 pods */
  pollIntervalMs?: number;
  /** relative cgroup parent for this kubelet's containers (e.g. kctl-<hash of root dir>);
   * without it, resource limits are not enforced */
  cgroupParent?: string;
  /** where cgroups are mounted (v1: one hierarchy per controller below it); default /sys/fs/cgroup */
  cgroupRoot?: string;
  /** told when a limit cannot be enforced (the container still starts) */
  onWarning?: (message: string, details: Record<string, unknown>) => void;
}

export class ProcessRuntime implements ContainerRuntime {
  readonly name = 'process';
  private readonly shimPath: string;
  private readonly pollIntervalMs: number;
  /** ids whose start() runs in this process: their dirs exist before their shims do */
  private readonly starting = new Set<string>();
  private readonly cgroups: ContainerCgroupLimits;

  constructor(private readonly options: ProcessRuntimeOptions) {
    this.shimPath = options.shimPath ?? defaultShimPath();
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.cgroups = new ContainerCgroupLimits({
      root: options.cgroupRoot ?? DEFAULT_CGROUP_ROOT,
      ...(options.cgroupParent ? { parent: options.cgroupParent } : {}),
      ...(options.onWarning ? { onWarning: options.onWarning } : {}),
    });
  }

  async start(pod: PodRef, container: ContainerLaunch): Promise<string> {
    if (container.argv.length === 0) throw new ContainerStartError('no command specified');
    const id = randomBytes(8).toString('hex');
    const dir = this.dir(id);
    let cgroups: string[] = [];
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
      };
      const sandbox = container.sandbox ? sandboxTokens(container.sandbox) : undefined;
      cgroups = await this.cgroups.create(id, container);
      await dir.create(
        { ...meta, ...(cgroups.length ? { cgroups } : {}) },
        { argv: container.argv, env: container.env, ...(container.workingDir ? { cwd: container.workingDir } : {}), ...(sandbox ? { sandbox } : {}) },
      );
      await startShim({ ...meta, shimPath: this.shimPath, stateDir: dir.path, cgroups });
      return id;
    } catch (error) {
      // A container that never ran leaves nothing behind: the error carries the message, and
      // the kubelet reports StartError (exit code 128) from it.
      await dir.remove();
      for (const cgroup of cgroups) await removeCgroupDir(cgroup);
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
    await this.cgroups.removeParents();
  }

  async exec(id: string, argv: string[], io: ExecIO): Promise<number> {
    await this.requireRunning(id);
    const dir = this.dir(id);
    const [context, container, meta] = await Promise.all([dir.readContext(), dir.readProcess(), dir.readMeta()]);
    if (!container) throw new ContainerStateError(id, `container ${id} is not running`);
    return execInContext({ shimPath: this.shimPath, ...context, container, cgroups: meta?.cgroups ?? [] }, argv, io);
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

  /** rmdir of an exited container's cgroups; the shim normally did it already. */
  private async releaseCgroup(dir: ContainerStateDir): Promise<void> {
    const meta = await dir.readMeta().catch(() => undefined);
    for (const cgroup of [...(meta?.cgroups ?? []), ...(meta?.memoryCgroup ? [meta.memoryCgroup] : [])]) await removeCgroupDir(cgroup);
  }

  private async requireRunning(id: string): Promise<void> {
    const state = await this.inspect(id);
    if (state.status !== 'running') throw new ContainerStateError(id, `container ${id} is not running`);
  }

  private dir(id: string): ContainerStateDir {
    return new ContainerStateDir(this.options.stateDir, id);
  }
}
