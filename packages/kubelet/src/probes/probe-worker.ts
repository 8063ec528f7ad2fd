// One periodic probe of one container: pkg/kubelet/prober/worker.go doProbe. Results belong to a
// container instance and start over when it is replaced; startup gates liveness and readiness;
// a result only changes after successThreshold / failureThreshold equal outcomes in a row; a
// liveness or startup failure puts the worker on hold until the container is restarted.
import type { Clock, TimerHandle } from '../clock.js';
import type { ActionResult } from './handler-actions.js';
import type { Probe } from './probe-runner.js';
import { probeTimings } from './probe-runner.js';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';
export type ProbeResult = 'success' | 'failure' | 'unknown';

/** What a probe reports before its first verdict (prober/worker.go newWorker). */
const INITIAL_RESULT: Record<ProbeKind, ProbeResult> = { liveness: 'success', readiness: 'failure', startup: 'unknown' };

export const PROBE_LABEL: Record<ProbeKind, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

export interface RunningInstance {
  id: string;
  startedAtMs: number;
}

export interface ProbeWorkerOptions {
  kind: ProbeKind;
  probe: Probe;
  clock: Clock;
  /** the container's running instance, if any */
  current(): RunningInstance | undefined;
  /** startup probe passed (or there is none) for this instance */
  isStarted(instanceId: string): boolean;
  run(instanceId: string): Promise<ActionResult>;
  /** a failed attempt: the kubelet records an Unhealthy event for every one */
  onFailedAttempt(output: string): void;
  /** the result for the current instance changed */
  onResultChanged(): void;
}

export class ProbeWorker {
  private instanceId: string | undefined;
  private result: ProbeResult;
  private lastOutcome: ProbeResult | undefined;
  private resultRun = 0;
  private onHold = false;
  private timer: TimerHandle | undefined;
  private stopped = false;
  private readonly timings;

  constructor(private readonly opts: ProbeWorkerOptions) {
    this.result = INITIAL_RESULT[opts.kind];
    this.timings = probeTimings(opts.probe);
  }

  get kind(): ProbeKind {
    return this.opts.kind;
  }

  /** The verdict for this instance; any other instance has the initial result. */
  resultFor(instanceId: string | undefined): ProbeResult {
    return instanceId !== undefined && instanceId === this.instanceId ? this.result : INITIAL_RESULT[this.opts.kind];
  }

  start(): void {
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = this.opts.clock.setTimeout(() => {
      void this.probeOnce().finally(() => this.schedule(this.timings.periodSeconds * 1000));
    }, ms);
  }

  /** One doProbe round; public so tests can drive it without timers. */
  async probeOnce(): Promise<void> {
    const instance = this.opts.current();
    if (!instance) return;
    if (instance.id !== this.instanceId) {
      // A new container instance: forget everything the previous one earned.
      this.instanceId = instance.id;
      this.result = INITIAL_RESULT[this.opts.kind];
      this.lastOutcome = undefined;
      this.resultRun = 0;
      this.onHold = false;
    }
    if (this.onHold) return;
    const started = this.opts.isStarted(instance.id);
    if (this.opts.kind !== 'startup' && !started) return;
    if (this.opts.kind === 'startup' && started) return;
    const runningSeconds = Math.floor((this.opts.clock.now() - instance.startedAtMs) / 1000);
    if (runningSeconds < this.timings.initialDelaySeconds) return;

    const attempt = await this.opts.run(instance.id);
    if (this.stopped || this.instanceId !== instance.id) return;
    const outcome: ProbeResult = attempt.ok ? 'success' : 'failure';
    if (!attempt.ok) this.opts.onFailedAttempt(attempt.output);
    if (outcome === this.lastOutcome) this.resultRun++;
    else {
      this.lastOutcome = outcome;
      this.resultRun = 1;
    }
    const threshold = outcome === 'failure' ? this.timings.failureThreshold : this.timings.successThreshold;
    if (this.resultRun < threshold) return;
    const changed = this.result !== outcome;
    this.result = outcome;
    if (outcome === 'failure' && this.opts.kind !== 'readiness') {
      // The container is about to be killed; its successor starts from scratch.
      this.onHold = true;
      this.resultRun = 0;
    }
    if (changed || this.onHold) this.opts.onResultChanged();
  }
}
