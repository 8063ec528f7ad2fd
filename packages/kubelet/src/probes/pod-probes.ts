// The probes of one pod (prober_manager.go, per pod): a worker per app container and probe kind,
// started when the pod is first synced and stopped when it terminates. It answers the questions
// the status and the sync loop ask: is this instance started, ready, alive?
import type { Clock } from '../clock.js';
import type { Container, Pod } from '../status/api-types.js';
import type { ProbeView } from '../status/pod-status.js';
import type { ActionResult } from './handler-actions.js';
import type { Probe } from './probe-runner.js';
import { ProbeWorker } from './probe-worker.js';
import type { ProbeKind, RunningInstance } from './probe-worker.js';

export interface PodProbesOptions {
  pod: Pod;
  clock: Clock;
  current(containerName: string): RunningInstance | undefined;
  run(container: Container, probe: Probe, instanceId: string): Promise<ActionResult>;
  onFailedAttempt(container: Container, kind: ProbeKind, output: string): void;
  onResultChanged(): void;
}

const PROBE_FIELDS: Array<[ProbeKind, 'livenessProbe' | 'readinessProbe' | 'startupProbe']> = [
  ['startup', 'startupProbe'],
  ['liveness', 'livenessProbe'],
  ['readiness', 'readinessProbe'],
];

export class PodProbes implements ProbeView {
  private readonly workers = new Map<string, ProbeWorker>();

  constructor(opts: PodProbesOptions) {
    for (const container of opts.pod.spec?.containers ?? []) {
      for (const [kind, field] of PROBE_FIELDS) {
        const probe = container[field];
        if (!probe) continue;
        this.workers.set(
          workerKey(container.name, kind),
          new ProbeWorker({
            kind,
            probe,
            clock: opts.clock,
            current: () => opts.current(container.name),
            isStarted: (id) => this.isStarted(container.name, id),
            run: (id) => opts.run(container, probe, id),
            onFailedAttempt: (output) => opts.onFailedAttempt(container, kind, output),
            onResultChanged: opts.onResultChanged,
          }),
        );
      }
    }
  }

  start(): void {
    for (const worker of this.workers.values()) worker.start();
  }

  stop(): void {
    for (const worker of this.workers.values()) worker.stop();
  }

  worker(containerName: string, kind: ProbeKind): ProbeWorker | undefined {
    return this.workers.get(workerKey(containerName, kind));
  }

  isStarted(containerName: string, instanceId: string | undefined): boolean {
    const startup = this.worker(containerName, 'startup');
    return !startup || startup.resultFor(instanceId) === 'success';
  }

  isReady(containerName: string, instanceId: string | undefined): boolean {
    const readiness = this.worker(containerName, 'readiness');
    return !readiness || readiness.resultFor(instanceId) === 'success';
  }

  /** The probe that condemns this instance, if any (liveness, or startup that gave up). */
  failedProbe(containerName: string, instanceId: string | undefined): 'liveness' | 'startup' | undefined {
    if (this.worker(containerName, 'liveness')?.resultFor(instanceId) === 'failure') return 'liveness';
    if (this.worker(containerName, 'startup')?.resultFor(instanceId) === 'failure') return 'startup';
    return undefined;
  }
}

function workerKey(containerName: string, kind: ProbeKind): string {
  return `${containerName}/${kind}`;
}
