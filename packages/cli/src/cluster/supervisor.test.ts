import { describe, expect, it } from 'vitest';
import type { Clock } from './clock.js';
import { Supervisor } from './supervisor.js';
import type { ComponentProcess, ExitStatus, SupervisedComponent } from './supervisor.js';

/** A clock that only moves when the test says so; scheduled callbacks run on `advance`. */
class ManualClock implements Clock {
  private time = 0;
  private timers: Array<{ at: number; fn: () => void; cancelled: boolean }> = [];

  now(): number {
    return this.time;
  }

  schedule(fn: () => void, ms: number): () => void {
    const timer = { at: this.time + ms, fn, cancelled: false };
    this.timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }

  /** Delays (from now) of the callbacks still pending. */
  pendingDelays(): number[] {
    return this.timers.filter((t) => !t.cancelled).map((t) => t.at - this.time);
  }

  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((t) => !t.cancelled && t.at <= this.time);
    this.timers = this.timers.filter((t) => !due.includes(t));
    for (const timer of due) timer.fn();
  }
}

/** A child process that exits when the test (or a signal it honours) says so. */
class FakeProcess implements ComponentProcess {
  static nextPid = 1000;
  readonly pid = FakeProcess.nextPid++;
  readonly signals: NodeJS.Signals[] = [];
  readonly exited: Promise<ExitStatus>;
  private resolveExit!: (status: ExitStatus) => void;

  constructor(private readonly ignoresSigterm = false) {
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
  }

  signal(signal: NodeJS.Signals): void {
    this.signals.push(signal);
    if (signal === 'SIGKILL' || !this.ignoresSigterm) this.resolveExit({ code: null, signal });
  }

  exit(code: number): void {
    this.resolveExit({ code, signal: null });
  }
}

const apiserver: SupervisedComponent = { name: 'apiserver', command: 'node', args: ['server.mjs'] };
const scheduler: SupervisedComponent = { name: 'scheduler', command: 'node', args: ['scheduler.mjs'] };

function setup(options: { ignoresSigterm?: boolean; failSpawns?: number } = {}) {
  const clock = new ManualClock();
  const spawned: FakeProcess[] = [];
  const latestByName = new Map<string, FakeProcess>();
  const log: string[] = [];
  let failuresLeft = options.failSpawns ?? 0;
  const supervisor = new Supervisor({
    components: [apiserver, scheduler],
    spawn: (component) => {
      if (failuresLeft-- > 0) throw new Error('EMFILE');
      const child = new FakeProcess(options.ignoresSigterm && component.name === 'apiserver');
      spawned.push(child);
      latestByName.set(component.name, child);
      return child;
    },
    clock,
    backoff: { baseMs: 100, capMs: 5_000, resetAfterMs: 30_000 },
    stopTimeoutMs: 10_000,
    log: (line) => log.push(line),
  });
  /** The most recently started process of a component. */
  const current = (name: string): FakeProcess => latestByName.get(name)!;
  return { clock, spawned, log, supervisor, current };
}

/** Lets promise callbacks (exit handlers) run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Supervisor', () => {
  it('starts every component in table order', () => {
    const { supervisor, spawned } = setup();
    supervisor.start();
    expect(spawned).toHaveLength(2);
    expect(supervisor.state('apiserver')).toEqual({ state: 'running', pid: spawned[0]!.pid });
    expect(supervisor.state('scheduler')).toEqual({ state: 'running', pid: spawned[1]!.pid });
  });

  it('restarts a component that exits, with doubling back-off', async () => {
    const { supervisor, spawned, clock, log, current } = setup();
    supervisor.start();
    const delays: number[] = [];
    for (let crash = 0; crash < 4; crash++) {
      current('apiserver').exit(3);
      await settle();
      expect(supervisor.state('apiserver').state).toBe('restarting');
      delays.push(...clock.pendingDelays());
      clock.advance(clock.pendingDelays()[0]!);
    }
    expect(delays).toEqual([100, 200, 400, 800]);
    expect(supervisor.state('apiserver').state).toBe('running');
    expect(spawned).toHaveLength(2 + 4);
    expect(log).toContain(`apiserver (pid ${spawned[0]!.pid}) exited unexpectedly with code 3`);
    expect(log).toContain('restarting apiserver in 800 ms');
  });

  it('resets the back-off after a run of 30 s', async () => {
    const { supervisor, clock, current } = setup();
    supervisor.start();
    const crash = async (afterMs: number) => {
      clock.advance(afterMs);
      current('apiserver').exit(1);
      await settle();
      const [delay] = clock.pendingDelays();
      clock.advance(delay!);
      return delay;
    };
    expect(await crash(10)).toBe(100);
    expect(await crash(10)).toBe(200);
    expect(await crash(30_000)).toBe(100);
  });

  it('retries a component whose spawn throws', () => {
    const { supervisor, clock, log } = setup({ failSpawns: 1 });
    supervisor.start();
    expect(log).toContain('apiserver could not be started: EMFILE');
    expect(supervisor.state('apiserver').state).toBe('restarting');
    clock.advance(100);
    expect(supervisor.state('apiserver').state).toBe('running');
  });

  it('stop() terminates everything and restarts nothing', async () => {
    const { supervisor, spawned, clock } = setup();
    supervisor.start();
    spawned[1]!.exit(1); // scheduler crashed: a restart is pending
    await settle();
    expect(clock.pendingDelays()).toEqual([100]);
    await supervisor.stop();
    expect(spawned[0]!.signals).toEqual(['SIGTERM']);
    expect(clock.pendingDelays()).toEqual([]);
    clock.advance(60_000);
    expect(spawned).toHaveLength(2);
    expect(supervisor.state('apiserver').state).toBe('stopped');
    expect(supervisor.state('scheduler').state).toBe('stopped');
  });

  it('SIGKILLs a component that ignores SIGTERM for the stop timeout', async () => {
    const { supervisor, spawned, clock } = setup({ ignoresSigterm: true });
    supervisor.start();
    let stopped = false;
    const stopping = supervisor.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    expect(spawned[0]!.signals).toEqual(['SIGTERM']);
    clock.advance(9_999);
    await settle();
    expect(stopped).toBe(false);
    clock.advance(1);
    await stopping;
    expect(spawned[0]!.signals).toEqual(['SIGTERM', 'SIGKILL']);
  });

  it('leaves a component stopped on purpose down until it is started again', async () => {
    const { supervisor, spawned, clock } = setup();
    supervisor.start();
    await supervisor.stopComponent('scheduler');
    clock.advance(60_000);
    expect(supervisor.state('scheduler').state).toBe('stopped');
    expect(supervisor.state('apiserver').state).toBe('running');
    supervisor.startComponent('scheduler');
    expect(spawned).toHaveLength(3);
    expect(supervisor.state('scheduler')).toEqual({ state: 'running', pid: spawned[2]!.pid });
  });
});
