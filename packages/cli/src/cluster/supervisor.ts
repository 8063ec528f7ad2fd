// Keeps a cluster's components running: starts each one, restarts one that exits unexpectedly
// after a back-off, and on stop terminates them all (SIGTERM, then SIGKILL after a timeout).
// It knows nothing about files or ports: spawning is injected, so tests can use fakes.
import { systemClock } from './clock.js';
import type { Clock } from './clock.js';
import { DEFAULT_BACKOFF, RestartBackoff } from './restart-backoff.js';
import type { BackoffSettings } from './restart-backoff.js';
import { DEFAULT_STOP_TIMEOUT_MS } from './processes.js';

/** A fully resolved command line for one component. */
export interface SupervisedComponent {
  name: string;
  command: string;
  args: readonly string[];
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ComponentProcess {
  readonly pid: number;
  /** Settles once the process has exited; never rejects. */
  readonly exited: Promise<ExitStatus>;
  signal(signal: NodeJS.Signals): void;
}

/** Starts a component; throws if it cannot be started at all. */
export type SpawnComponent = (component: SupervisedComponent) => ComponentProcess;

export interface SupervisorOptions {
  components: readonly SupervisedComponent[];
  spawn: SpawnComponent;
  clock?: Clock;
  backoff?: BackoffSettings;
  stopTimeoutMs?: number;
  log?: (line: string) => void;
}

export type ComponentState = 'running' | 'restarting' | 'stopped';

interface Slot {
  component: SupervisedComponent;
  backoff: RestartBackoff;
  process?: ComponentProcess;
  startedAt: number;
  cancelRestart?: () => void;
  /** False while a component is down on purpose (shutdown, failure drills): no restart. */
  wanted: boolean;
}

export class Supervisor {
  private readonly slots = new Map<string, Slot>();
  private readonly spawnComponent: SpawnComponent;
  private readonly clock: Clock;
  private readonly stopTimeoutMs: number;
  private readonly log: (line: string) => void;

  constructor(options: SupervisorOptions) {
    this.spawnComponent = options.spawn;
    this.clock = options.clock ?? systemClock;
    this.stopTimeoutMs = options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
    this.log = options.log ?? (() => {});
    for (const component of options.components) {
      if (this.slots.has(component.name)) throw new Error(`duplicate component name ${component.name}`);
      const backoff = new RestartBackoff(options.backoff ?? DEFAULT_BACKOFF);
      this.slots.set(component.name, { component, backoff, startedAt: 0, wanted: false });
    }
  }

  /** Starts every component, in table order. */
  start(): void {
    for (const slot of this.slots.values()) this.startSlot(slot);
  }

  /** Stops every component and resolves once all have exited. */
  async stop(): Promise<void> {
    await Promise.all([...this.slots.values()].map((slot) => this.stopSlot(slot)));
  }

  /** Brings one component back after `stopComponent` (or a stop of everything). */
  startComponent(name: string): void {
    const slot = this.slot(name);
    if (!slot.wanted) this.startSlot(slot);
  }

  /** Stops one component on purpose; it stays down until `startComponent`. */
  async stopComponent(name: string): Promise<void> {
    await this.stopSlot(this.slot(name));
  }

  state(name: string): { state: ComponentState; pid?: number } {
    const slot = this.slot(name);
    if (slot.process) return { state: 'running', pid: slot.process.pid };
    return { state: slot.wanted ? 'restarting' : 'stopped' };
  }

  private slot(name: string): Slot {
    const slot = this.slots.get(name);
    if (!slot) throw new Error(`unknown component ${name}`);
    return slot;
  }

  private startSlot(slot: Slot): void {
    slot.wanted = true;
    this.launch(slot);
  }

  private launch(slot: Slot): void {
    const { name } = slot.component;
    slot.cancelRestart = undefined;
    slot.startedAt = this.clock.now();
    let child: ComponentProcess;
    try {
      child = this.spawnComponent(slot.component);
    } catch (err) {
      this.log(`${name} could not be started: ${(err as Error).message}`);
      this.scheduleRestart(slot);
      return;
    }
    slot.process = child;
    this.log(`${name} started (pid ${child.pid})`);
    void child.exited.then((status) => this.onExit(slot, child, status));
  }

  private onExit(slot: Slot, child: ComponentProcess, status: ExitStatus): void {
    if (slot.process !== child) return;
    slot.process = undefined;
    const how = status.signal ? `signal ${status.signal}` : `code ${status.code}`;
    if (!slot.wanted) {
      this.log(`${slot.component.name} stopped (${how})`);
      return;
    }
    this.log(`${slot.component.name} (pid ${child.pid}) exited unexpectedly with ${how}`);
    this.scheduleRestart(slot);
  }

  private scheduleRestart(slot: Slot): void {
    const delay = slot.backoff.delayAfterRun(this.clock.now() - slot.startedAt);
    this.log(`restarting ${slot.component.name} in ${delay} ms`);
    slot.cancelRestart = this.clock.schedule(() => {
      if (slot.wanted) this.launch(slot);
    }, delay);
  }

  private async stopSlot(slot: Slot): Promise<void> {
    slot.wanted = false;
    slot.cancelRestart?.();
    slot.cancelRestart = undefined;
    const child = slot.process;
    if (!child) return;
    child.signal('SIGTERM');
    let cancelKill = () => {};
    const killed = new Promise<void>((resolve) => {
      cancelKill = this.clock.schedule(() => {
        this.log(`${slot.component.name} (pid ${child.pid}) ignored SIGTERM for ${this.stopTimeoutMs} ms; killing it`);
        child.signal('SIGKILL');
        resolve();
      }, this.stopTimeoutMs);
    });
    await Promise.race([child.exited, killed]);
    await child.exited;
    cancelKill();
  }
}
