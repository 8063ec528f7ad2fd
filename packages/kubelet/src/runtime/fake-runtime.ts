// An in-memory ContainerRuntime for unit tests of the kubelet: deterministic ids and clock, no
// processes. Tests drive it: exitContainer() ends a container, failNextStart() makes the next
// start() throw ContainerStartError, ignoreSigterm() makes stop() end in SIGKILL, and every call
// is recorded in `calls` (a start with its whole ContainerLaunch: sandbox and cgroup limits too).
import {
  ContainerStartError,
  type ContainerLaunch,
  type ContainerRuntime,
  type ContainerState,
  type ContainerSummary,
  type ExecIO,
  type PodRef,
} from './container-runtime.js';
import { ContainerNotFoundError, ContainerStateError } from './runtime-errors.js';

export type FakeRuntimeCall =
  | { method: 'start'; pod: PodRef; container: ContainerLaunch }
  | { method: 'stop'; id: string; gracePeriodSeconds: number }
  | { method: 'remove'; id: string }
  | { method: 'exec'; id: string; argv: string[]; tty: boolean }
  | { method: 'attach'; id: string };

export interface FakeContainer {
  id: string;
  pod: PodRef;
  launch: ContainerLaunch;
  state: ContainerState;
}

export type ExecHandler = (container: FakeContainer, argv: string[], io: ExecIO) => number | Promise<number>;

export interface FakeRuntimeOptions {
  /** the clock for startedAt/finishedAt; default: a fixed time advancing one second per reading */
  now?: () => Date;
  /** what exec does; default: exit code 0 without output */
  exec?: ExecHandler;
}

const SIGNALS = { SIGTERM: 15, SIGKILL: 9 } as const;

export class FakeRuntime implements ContainerRuntime {
  readonly name = 'fake';
  readonly calls: FakeRuntimeCall[] = [];
  private readonly containers = new Map<string, FakeContainer>();
  private readonly exitWaiters = new Map<string, Array<() => void>>();
  private readonly startFailures: Array<{ message: string; reason: ContainerStartError['reason'] }> = [];
  private readonly sigtermIgnored = new Set<string>();
  private readonly now: () => Date;
  private execHandler: ExecHandler;
  private nextId = 1;

  constructor(options: FakeRuntimeOptions = {}) {
    let tick = Date.parse('2026-01-01T00:00:00Z');
    this.now = options.now ?? (() => new Date((tick += 1000)));
    this.execHandler = options.exec ?? (() => 0);
  }

  // ---- test controls ----

  /** Makes the next start() throw ContainerStartError (queued: one per call). */
  failNextStart(message: string, reason: ContainerStartError['reason'] = 'StartError'): void {
    this.startFailures.push({ message, reason });
  }

  /** Ends a running container as if its process exited (code >= 128 with a signal name if given). */
  exitContainer(id: string, exitCode: number, options: { signal?: string; oomKilled?: boolean } = {}): void {
    const container = this.get(id);
    if (container.state.status !== 'running') throw new ContainerStateError(id, `container ${id} is not running`);
    container.state = {
      status: 'exited',
      exitCode,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.oomKilled ? { oomKilled: true } : {}),
      startedAt: container.state.startedAt,
      finishedAt: this.now().toISOString(),
    };
    for (const wake of this.exitWaiters.get(id) ?? []) wake();
    this.exitWaiters.delete(id);
  }

  /** stop() of this container will need SIGKILL (exit 137) instead of ending on SIGTERM (143). */
  ignoreSigterm(id: string): void {
    this.sigtermIgnored.add(id);
  }

  setExecHandler(handler: ExecHandler): void {
    this.execHandler = handler;
  }

  container(id: string): FakeContainer {
    return this.get(id);
  }

  running(): FakeContainer[] {
    return [...this.containers.values()].filter((c) => c.state.status === 'running');
  }

  // ---- ContainerRuntime ----

  async start(pod: PodRef, container: ContainerLaunch): Promise<string> {
    this.calls.push({ method: 'start', pod, container });
    const failure = this.startFailures.shift();
    if (failure) throw new ContainerStartError(failure.message, failure.reason);
    const serial = this.nextId++;
    const id = serial.toString(16).padStart(12, '0');
    const state: ContainerState = { status: 'running', pid: 1000 + serial, startedAt: this.now().toISOString() };
    this.containers.set(id, { id, pod, launch: container, state });
    return id;
  }

  async stop(id: string, gracePeriodSeconds: number): Promise<void> {
    this.calls.push({ method: 'stop', id, gracePeriodSeconds });
    if (this.get(id).state.status !== 'running') return;
    const signal = this.sigtermIgnored.has(id) ? 'SIGKILL' : 'SIGTERM';
    this.exitContainer(id, 128 + SIGNALS[signal], { signal });
  }

  async inspect(id: string): Promise<ContainerState> {
    return this.get(id).state;
  }

  async list(): Promise<ContainerSummary[]> {
    return [...this.containers.values()].map((c) => ({
      id: c.id,
      pod: c.pod,
      containerName: c.launch.name,
      attempt: c.launch.attempt,
      logPath: c.launch.logPath,
      state: c.state,
    }));
  }

  async remove(id: string): Promise<void> {
    this.calls.push({ method: 'remove', id });
    const container = this.containers.get(id);
    if (container?.state.status === 'running') throw new ContainerStateError(id, `container ${id} is still running; stop it first`);
    this.containers.delete(id);
  }

  async exec(id: string, argv: string[], io: ExecIO): Promise<number> {
    this.calls.push({ method: 'exec', id, argv, tty: io.tty });
    return this.execHandler(this.requireRunning(id), argv, io);
  }

  /** Resolves when the container exits, like an attach session ending with the container. */
  async attach(id: string, _io: ExecIO): Promise<void> {
    this.calls.push({ method: 'attach', id });
    this.requireRunning(id);
    await this.waitForExit(id);
  }

  waitForExit(id: string, signal?: AbortSignal): Promise<ContainerState> {
    const container = this.get(id);
    if (container.state.status === 'exited') return Promise.resolve(container.state);
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal?.reason);
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      const waiters = this.exitWaiters.get(id) ?? [];
      waiters.push(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve(container.state);
      });
      this.exitWaiters.set(id, waiters);
    });
  }

  private get(id: string): FakeContainer {
    const container = this.containers.get(id);
    if (!container) throw new ContainerNotFoundError(id);
    return container;
  }

  private requireRunning(id: string): FakeContainer {
    const container = this.get(id);
    if (container.state.status !== 'running') throw new ContainerStateError(id, `container ${id} is not running`);
    return container;
  }
}
