// One pod's reconciliation, run by its worker one step at a time: refresh what the runtime says,
// decide what to start or kill (kuberuntime_manager.go computePodActions for regular init
// containers, ShouldContainerBeRestarted for app containers), do it, and produce the status
// (generateAPIPodStatus). Deletion runs terminate() instead: every container stopped with the
// pod's grace period and a terminal phase.
import type { Clock } from '../clock.js';
import { PodProbes } from '../probes/pod-probes.js';
import { PROBE_LABEL } from '../probes/probe-worker.js';
import { runProbe } from '../probes/probe-runner.js';
import type { ContainerRuntime } from '../runtime/container-runtime.js';
import type { Container, Pod, PodStatus } from '../status/api-types.js';
import { podRestartPolicy } from '../status/api-types.js';
import type { WaitingReason } from '../status/container-statuses.js';
import { generatePodStatus } from '../status/pod-status.js';
import { containerFieldPath } from '../events/event-recorder.js';
import { ContainerInstances } from './container-instances.js';
import type { ContainerInstance } from './container-instances.js';
import type { ContainerLifecycle, EventSink } from './container-lifecycle.js';
import { terminationGraceSeconds } from './container-lifecycle.js';
import { SandboxError } from './pod-sandbox.js';
import type { PodSandbox, PodSandboxes } from './pod-sandbox.js';

/** How soon a sandbox that could not be made is tried again. */
const SANDBOX_RETRY_MS = 2000;

export interface PodSyncDeps {
  runtime: ContainerRuntime;
  clock: Clock;
  lifecycle: ContainerLifecycle;
  events: EventSink;
  nodeIp: string;
  sandboxes: PodSandboxes;
  /** a probe result changed: the pod needs a sync */
  requestSync(): void;
}

export interface SyncResult {
  status: PodStatus;
  /** the pod reached Succeeded/Failed: nothing will run again */
  terminal: boolean;
  /** when to sync again although nothing happened (a back-off expiring) */
  retryAt?: number;
}

/** kubecontainer.ShouldContainerBeRestarted for a container that is not running. */
function shouldRestart(pod: Pod, instance: ContainerInstance | undefined): boolean {
  if (pod.metadata?.deletionTimestamp) return false;
  if (!instance || instance.state.status !== 'exited') return true;
  const policy = podRestartPolicy(pod);
  if (policy === 'Never') return false;
  if (policy === 'OnFailure') return instance.state.exitCode !== 0;
  return true;
}

const succeeded = (i: ContainerInstance | undefined) => i?.state.status === 'exited' && i.state.exitCode === 0 && !i.startFailure;

export class PodSync {
  readonly instances = new ContainerInstances();
  readonly waitingReasons = new Map<string, WaitingReason>();
  private probes: PodProbes | undefined;
  private readonly firstSeen: number;
  private terminal = false;
  private sandbox: PodSandbox | undefined;

  constructor(private readonly deps: PodSyncDeps) {
    this.firstSeen = deps.clock.now();
  }

  get isTerminal(): boolean {
    return this.terminal;
  }

  /** Stops probing without touching containers (the kubelet itself is stopping). */
  stopProbes(): void {
    this.probes?.stop();
  }

  /** Re-reads the state of every instance that has not exited yet. */
  private async refresh(): Promise<void> {
    for (const instance of this.instances.all()) {
      if (instance.id && instance.state.status !== 'exited') instance.state = await this.deps.runtime.inspect(instance.id);
    }
  }

  private ensureProbes(pod: Pod): PodProbes {
    if (this.probes) return this.probes;
    const { runtime, clock, nodeIp, events } = this.deps;
    this.probes = new PodProbes({
      pod,
      clock,
      current: (name) => {
        const latest = this.instances.latest(name);
        return latest?.id && latest.state.status === 'running' ? { id: latest.id, startedAtMs: Date.parse(latest.state.startedAt) } : undefined;
      },
      run: (container, probe, id) => runProbe(probe, { runtime, containerId: id, container, podIp: this.sandbox?.podIp ?? nodeIp }),
      onFailedAttempt: (container, kind, output) =>
        events.record({ pod, fieldPath: containerFieldPath(pod, container.name) }, 'Warning', 'Unhealthy', `${PROBE_LABEL[kind]} probe failed: ${output}`),
      onResultChanged: this.deps.requestSync,
    });
    this.probes.start();
    return this.probes;
  }

  async sync(pod: Pod): Promise<SyncResult> {
    await this.refresh();
    if (this.terminal) return { status: this.status(pod), terminal: true };
    if (!this.sandbox) {
      try {
        this.sandbox = await this.deps.sandboxes.ensure(pod);
        if (this.sandbox.fallbackReason) {
          this.deps.events.record(
            { pod },
            'Warning',
            'HostNetworkFallback',
            `No pod network on this node (${this.sandbox.fallbackReason}): the pod runs on the node's network`,
          );
        }
      } catch (err) {
        if (!(err instanceof SandboxError)) throw err;
        this.deps.events.record({ pod }, 'Warning', err.reason, err.message);
        return { status: this.status(pod), terminal: false, retryAt: this.deps.clock.now() + SANDBOX_RETRY_MS };
      }
    }
    const probes = this.ensureProbes(pod);
    const retries: number[] = [];
    const start = async (container: Container) => {
      const outcome = await this.deps.lifecycle.start(pod, container, this);
      if (!outcome.started && outcome.retryAt !== undefined) retries.push(outcome.retryAt);
    };

    // Init containers, in order, each to a successful exit before the next one.
    let initialized = true;
    for (const container of pod.spec?.initContainers ?? []) {
      const latest = this.instances.latest(container.name);
      if (succeeded(latest)) continue;
      initialized = false;
      if (latest?.state.status === 'running') break;
      if (!latest || shouldRestart(pod, latest)) await start(container);
      break;
    }

    if (initialized) {
      for (const container of pod.spec?.containers ?? []) {
        let latest = this.instances.latest(container.name);
        if (latest?.state.status === 'running') {
          const failed = probes.failedProbe(container.name, latest.id);
          if (!failed) continue;
          const probeGrace = container[failed === 'liveness' ? 'livenessProbe' : 'startupProbe']?.terminationGracePeriodSeconds;
          await this.deps.lifecycle.kill(
            pod,
            container,
            latest,
            `Container ${container.name} failed ${failed} probe, will be restarted`,
            probeGrace ?? terminationGraceSeconds(pod),
          );
          latest = this.instances.latest(container.name);
        }
        if (latest?.state.status !== 'running' && shouldRestart(pod, latest)) await start(container);
      }
    }

    // A waiting reason only describes a container that is going to run again.
    for (const name of [...this.waitingReasons.keys()]) {
      if (!shouldRestart(pod, this.instances.latest(name))) this.waitingReasons.delete(name);
    }
    let status = this.status(pod);
    if (status.phase === 'Succeeded' || status.phase === 'Failed') {
      await this.stopAll(pod);
      status = this.status(pod);
    }
    return { status, terminal: this.terminal, ...(retries.length ? { retryAt: Math.min(...retries) } : {}) };
  }

  /** The pod is being deleted: stop every container with the grace period, then report it terminal. */
  async terminate(pod: Pod): Promise<PodStatus> {
    await this.refresh();
    await this.stopAll(pod);
    return this.status(pod);
  }

  /** Stops every running container (preStop first) and marks the pod terminal. */
  async stopAll(pod: Pod, graceSeconds = terminationGraceSeconds(pod)): Promise<void> {
    this.terminal = true;
    this.probes?.stop();
    this.waitingReasons.clear();
    const specs = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
    await Promise.all(
      this.instances.running().map((instance) =>
        this.deps.lifecycle.kill(pod, specs.find((c) => c.name === instance.name), instance, undefined, graceSeconds),
      ),
    );
    await this.deps.sandboxes.stopNetwork(pod.metadata?.uid ?? '');
  }

  status(pod: Pod): PodStatus {
    const probes = this.probes;
    return generatePodStatus({
      pod,
      instances: this.instances,
      waitingReasons: this.waitingReasons,
      probes: {
        isStarted: (name, id) => !probes || probes.isStarted(name, id),
        isReady: (name, id) => !probes || probes.isReady(name, id),
      },
      runtimeName: this.deps.runtime.name,
      nodeIp: this.deps.nodeIp,
      ...(this.sandbox ? { podIp: this.sandbox.podIp } : {}),
      sandboxReady: this.sandbox !== undefined,
      startTime: this.firstSeen,
      terminal: this.terminal,
      now: this.deps.clock.now(),
    });
  }
}
