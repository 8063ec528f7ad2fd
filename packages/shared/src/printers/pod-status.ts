// The READY / STATUS / RESTARTS summary of printPod (pkg/printers/internalversion/printers.go).
// This is the most-read cell of kubectl, so the algorithm follows upstream step by step,
// including its quirks (app containers walked last to first, ordinary init restarts dropped
// once the pod is initialized).
import type { Pod } from '../api/object-types.js';
import type { IContainer, IContainerStatus } from 'kubernetes-models/v1';
import { humanDuration, parseTimestamp } from './human-duration.js';

export interface PodSummary {
  /** `${ready}/${total}` */
  ready: string;
  /** The STATUS column: a reason such as Running, Init:1/2, CrashLoopBackOff, Terminating. */
  status: string;
  /** `"3"`, or `"3 (2m5s ago)"` when the last restart time is known. */
  restarts: string;
}

/** NodeUnreachablePodReason (pkg/util/node): set on pods lost together with their node. */
const NODE_LOST = 'NodeLost';

/** A sidecar: an init container that keeps running beside the app containers. */
function isRestartableInitContainer(container: IContainer | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

/** Restart bookkeeping: a count plus the latest finish time of a previous run (if any). */
class RestartTally {
  count = 0;
  lastMs: number | undefined;

  add(status: IContainerStatus): void {
    this.count += status.restartCount ?? 0;
    const finished = parseTimestamp(status.lastState?.terminated?.finishedAt);
    if (finished !== undefined && (this.lastMs === undefined || finished > this.lastMs)) this.lastMs = finished;
  }

  format(now: Date): string {
    if (this.count === 0 || this.lastMs === undefined) return String(this.count);
    return `${this.count} (${humanDuration(now.getTime() - this.lastMs)} ago)`;
  }
}

function terminatedReason(terminated: { reason?: string; signal?: number; exitCode: number }): string {
  if (terminated.reason) return terminated.reason;
  return terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
}

export function summarizePod(pod: Pod, now: Date): PodSummary {
  const spec = pod.spec;
  const status = pod.status ?? {};
  const initContainers = spec?.initContainers ?? [];
  const conditions = status.conditions ?? [];

  let reason = status.reason || status.phase || '';
  if (conditions.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';

  const specInitByName = new Map(initContainers.map((c) => [c.name, c]));
  const total = (spec?.containers ?? []).length + initContainers.filter(isRestartableInitContainer).length;
  let ready = 0;
  let restarts = new RestartTally();
  const sidecarRestarts = new RestartTally();

  // 1) Init containers in status order, stopping at the first one that is not done.
  let initializing = false;
  for (const [index, cs] of (status.initContainerStatuses ?? []).entries()) {
    restarts.add(cs);
    const sidecar = isRestartableInitContainer(specInitByName.get(cs.name));
    if (sidecar) sidecarRestarts.add(cs);
    const { terminated, waiting } = cs.state ?? {};
    if (terminated && terminated.exitCode === 0) continue;
    if (sidecar && cs.started === true) {
      if (cs.ready) ready++;
      continue;
    }
    if (terminated) reason = `Init:${terminatedReason(terminated)}`;
    else if (waiting?.reason && waiting.reason !== 'PodInitializing') reason = `Init:${waiting.reason}`;
    else reason = `Init:${index}/${initContainers.length}`;
    initializing = true;
    break;
  }

  // 2) App containers, unless still initializing (the Initialized condition can say otherwise,
  //    e.g. after a node restart re-runs init containers of an already initialized pod).
  const initializedCondition = conditions.find((c) => c.type === 'Initialized');
  if (!initializing || initializedCondition?.status === 'True') {
    // From here on only sidecar restarts count among the init containers.
    restarts = sidecarRestarts;
    let hasRunning = false;
    // Last to first, so the first container in spec order with a reason wins.
    for (const cs of [...(status.containerStatuses ?? [])].reverse()) {
      restarts.add(cs);
      const { terminated, waiting, running } = cs.state ?? {};
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated) reason = terminatedReason(terminated);
      else if (cs.ready && running) {
        hasRunning = true;
        ready++;
      }
    }
    // Some containers completed while another still runs: the pod as a whole is not done.
    if (reason === 'Completed' && hasRunning) {
      reason = conditions.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }

  // 3) Deletion.
  const deleting = Boolean(pod.metadata?.deletionTimestamp);
  const terminal = status.phase === 'Succeeded' || status.phase === 'Failed';
  if (deleting && status.reason === NODE_LOST) reason = 'Unknown';
  else if (deleting && !terminal) reason = 'Terminating';

  return { ready: `${ready}/${total}`, status: reason, restarts: restarts.format(now) };
}
