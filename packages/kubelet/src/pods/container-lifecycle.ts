// Starting and killing one container the way kuberuntime does: startContainer (back-off check
// from doBackOff, config errors, runtime start errors, Pulled/Created/Started events, postStart)
// and killContainer (Killing event, preStop within the grace period, SIGTERM then SIGKILL).
import type { Clock } from '../clock.js';
import { containerFieldPath } from '../events/event-recorder.js';
import type { EventType } from '../events/event-recorder.js';
import { runLifecycleHook } from '../lifecycle/lifecycle-hooks.js';
import { ContainerStartError } from '../runtime/container-runtime.js';
import type { ContainerLaunch, ContainerRuntime } from '../runtime/container-runtime.js';
import type { Container, Pod } from '../status/api-types.js';
import { formatPod } from '../status/api-types.js';
import type { WaitingReason } from '../status/container-statuses.js';
import type { ContainerInstance, ContainerInstances } from './container-instances.js';
import { ContainerConfigError } from './container-launch.js';
import { backoffKey } from './crash-backoff.js';
import type { CrashBackoff } from './crash-backoff.js';
import { formatGoDuration } from './go-duration.js';

/** kuberuntime_container.go minimumGracePeriodInSeconds: even a forced stop gets this long. */
export const MINIMUM_GRACE_PERIOD_SECONDS = 2;

export interface EventSink {
  record(target: { pod: Pod; fieldPath?: string }, type: EventType, reason: string, message: string): void;
}

export interface ContainerLifecycleDeps {
  runtime: ContainerRuntime;
  clock: Clock;
  backoff: CrashBackoff;
  events: EventSink;
  nodeIp: string;
  /** throws ContainerConfigError for a spec it cannot run (CreateContainerConfigError) */
  buildLaunch(pod: Pod, container: Container, attempt: number): Promise<ContainerLaunch>;
  /** a started instance exited (the pod worker re-syncs) */
  onExit(podUid: string, containerId: string): void;
}

export interface PodContainersState {
  instances: ContainerInstances;
  waitingReasons: Map<string, WaitingReason>;
}

export type StartOutcome = { started: true } | { started: false; retryAt?: number };

export class ContainerLifecycle {
  constructor(private readonly deps: ContainerLifecycleDeps) {}

  private event(pod: Pod, container: Container, type: EventType, reason: string, message: string): void {
    this.deps.events.record({ pod, fieldPath: containerFieldPath(pod, container.name) }, type, reason, message);
  }

  async start(pod: Pod, container: Container, state: PodContainersState): Promise<StartOutcome> {
    const { runtime, clock, backoff } = this.deps;
    const uid = pod.metadata?.uid ?? '';
    const latest = state.instances.latest(container.name);
    if (latest?.state.status === 'exited') {
      // doBackOff: the back-off runs from the moment the last instance finished.
      const key = backoffKey(uid, container.name);
      const finishedAt = Date.parse(latest.state.finishedAt);
      if (backoff.isInBackOffSince(key, finishedAt)) {
        this.event(pod, container, 'Warning', 'BackOff', `Back-off restarting failed container ${container.name} in pod ${formatPod(pod)}`);
        const message = `back-off ${formatGoDuration(backoff.get(key))} restarting failed container=${container.name} pod=${formatPod(pod)}`;
        state.waitingReasons.set(container.name, { reason: 'CrashLoopBackOff', message });
        return { started: false, retryAt: backoff.retryAt(key, finishedAt) };
      }
      backoff.next(key, finishedAt);
    }
    const attempt = state.instances.nextAttempt(container.name);
    let launch: ContainerLaunch;
    try {
      launch = await this.deps.buildLaunch(pod, container, attempt);
    } catch (err) {
      if (!(err instanceof ContainerConfigError)) throw err;
      this.event(pod, container, 'Warning', 'Failed', `Error: ${err.message}`);
      state.waitingReasons.set(container.name, { reason: 'CreateContainerConfigError', message: err.message });
      return { started: false };
    }
    this.event(pod, container, 'Normal', 'Pulled', `Container image ${JSON.stringify(container.image ?? '')} already present on machine`);
    const podRef = { uid, namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '' };
    let id: string;
    try {
      id = await runtime.start(podRef, launch);
    } catch (err) {
      if (!(err instanceof ContainerStartError)) throw err;
      // What containerd reports for a container whose process never ran: exit code 128, the
      // zero start time, and the OS error as the message.
      const now = new Date(clock.now()).toISOString();
      this.record(state, {
        name: container.name,
        attempt,
        logPath: launch.logPath,
        state: { status: 'exited', exitCode: 128, startedAt: new Date(0).toISOString(), finishedAt: now },
        startFailure: { reason: err.reason, message: err.message },
      });
      this.event(pod, container, 'Warning', 'Failed', `Error: ${err.message}`);
      state.waitingReasons.set(container.name, { reason: 'RunContainerError', message: err.message });
      return { started: false };
    }
    const instance: ContainerInstance = { id, name: container.name, attempt, logPath: launch.logPath, state: await runtime.inspect(id) };
    this.record(state, instance);
    state.waitingReasons.delete(container.name);
    this.event(pod, container, 'Normal', 'Created', `Created container ${container.name}`);
    this.event(pod, container, 'Normal', 'Started', `Started container ${container.name}`);
    void runtime.waitForExit(id).then(
      () => this.deps.onExit(uid, id),
      () => this.deps.onExit(uid, id),
    );
    const postStart = container.lifecycle?.postStart;
    if (postStart) {
      const failure = await runLifecycleHook(postStart, this.hookContext(pod, container, id, terminationGraceSeconds(pod)));
      if (failure) {
        this.event(pod, container, 'Warning', 'FailedPostStartHook', failure);
        await this.kill(pod, container, instance, 'FailedPostStartHook');
        state.waitingReasons.set(container.name, { reason: 'PostStartHookError', message: failure });
        return { started: false };
      }
    }
    return { started: true };
  }

  /** killContainer: preStop, then SIGTERM and SIGKILL after what is left of the grace period. */
  async kill(pod: Pod, container: Container | undefined, instance: ContainerInstance, message?: string, graceSeconds?: number): Promise<void> {
    if (!instance.id || instance.state.status !== 'running') return;
    const name = instance.name;
    const grace = graceSeconds ?? terminationGraceSeconds(pod);
    if (container) this.event(pod, container, 'Normal', 'Killing', message ?? `Stopping container ${name}`);
    let remaining = grace;
    const preStop = container?.lifecycle?.preStop;
    if (container && preStop && grace > 0) {
      const started = this.deps.clock.now();
      const failure = await runLifecycleHook(preStop, this.hookContext(pod, container, instance.id, grace));
      if (failure) this.event(pod, container, 'Warning', 'FailedPreStopHook', failure);
      remaining = grace - Math.floor((this.deps.clock.now() - started) / 1000);
    }
    await this.deps.runtime.stop(instance.id, Math.max(remaining, MINIMUM_GRACE_PERIOD_SECONDS));
    instance.state = await this.deps.runtime.inspect(instance.id);
  }

  private record(state: PodContainersState, instance: ContainerInstance): void {
    const evicted = state.instances.add(instance);
    // Kubernetes keeps one dead instance per container; older ones are garbage.
    if (evicted?.id) void this.deps.runtime.remove(evicted.id).catch(() => {});
  }

  private hookContext(pod: Pod, container: Container, containerId: string, timeoutSeconds: number) {
    return { runtime: this.deps.runtime, clock: this.deps.clock, pod, container, containerId, podIp: this.deps.nodeIp, timeoutMs: timeoutSeconds * 1000 };
  }
}

/** The grace period a stop gets: the deletion's, else the spec's (default 30 s). */
export function terminationGraceSeconds(pod: Pod): number {
  return pod.metadata?.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
}
