// Asking the cluster whether it is ready: first the API server's /readyz, then every node's
// Ready condition, then (when there is one) the scheduler's lease.
import { setTimeout as sleep } from 'node:timers/promises';
import { apiGet } from './api-get.js';
import { probeNodes } from './node-readiness.js';
import { probeSchedulerLease } from './scheduler-readiness.js';

/** A kubelet registers within a second or two; the margin covers a loaded CI machine. */
export const READY_TIMEOUT_MS = 30_000;
export const READY_POLL_MS = 15;
/** Node objects change at kubelet pace, not at socket pace: poll them less eagerly. */
export const NODE_POLL_MS = 100;
const PROBE_FLOOR_MS = 200;

/** One GET <server>/readyz: true on 200, false on any error, other status or timeout. */
export async function probeReady(server: string, timeoutMs = 1_000): Promise<boolean> {
  return (await apiGet(server, '/readyz', timeoutMs))?.status === 200;
}

export interface WaitOptions {
  timeoutMs?: number;
  pollMs?: number;
  /** Gives up early, e.g. when the process that should serve the API has died. */
  signal?: AbortSignal;
  /** Also wait for the scheduler's lease to be renewed at or after this time (ms since the epoch). */
  schedulerSince?: number;
}

/** Polls `check` until it returns true; false on timeout or abort. */
async function pollUntil(check: (remainingMs: number) => Promise<boolean>, deadline: number, pollMs: number, signal?: AbortSignal): Promise<boolean> {
  while (!signal?.aborted) {
    // A floor on each probe's own timeout: the last probe before the deadline still gets a fair answer.
    if (await check(Math.max(PROBE_FLOOR_MS, Math.min(1_000, deadline - Date.now())))) return true;
    if (Date.now() >= deadline) return false;
    await sleep(pollMs);
  }
  return false;
}

/** Polls until the API answers ready; false on timeout or abort. */
export async function waitUntilReady(server: string, options: WaitOptions = {}): Promise<boolean> {
  const deadline = Date.now() + (options.timeoutMs ?? READY_TIMEOUT_MS);
  return pollUntil((remaining) => probeReady(server, remaining), deadline, options.pollMs ?? READY_POLL_MS, options.signal);
}

/** undefined once the API and every node are ready; otherwise what was still not ready when time ran out. */
export type ClusterNotReady = { what: 'api' } | { what: 'nodes'; waiting: Array<{ node: string; readiness: string }> } | { what: 'scheduler' };

/** The API, then every node's Ready condition, then the scheduler, within one shared deadline. */
export async function waitUntilClusterReady(
  server: string,
  nodes: readonly string[],
  options: WaitOptions = {},
): Promise<ClusterNotReady | undefined> {
  const deadline = Date.now() + (options.timeoutMs ?? READY_TIMEOUT_MS);
  const apiReady = await waitUntilReady(server, { ...options, timeoutMs: deadline - Date.now() });
  if (!apiReady) return { what: 'api' };
  let waiting: Array<{ node: string; readiness: string }> = [];
  const nodesReady = await pollUntil(async (remaining) => {
    const answers = await probeNodes(server, nodes, remaining);
    waiting = [...answers].filter(([, readiness]) => readiness !== 'Ready').map(([node, readiness]) => ({ node, readiness }));
    return waiting.length === 0;
  }, deadline, NODE_POLL_MS, options.signal);
  if (!nodesReady) return { what: 'nodes', waiting };
  const since = options.schedulerSince;
  if (since === undefined) return undefined;
  const schedulerReady = await pollUntil((remaining) => probeSchedulerLease(server, since, remaining), deadline, NODE_POLL_MS, options.signal);
  return schedulerReady ? undefined : { what: 'scheduler' };
}

/** "the API server at URL" / "node a (not registered), node b (NotReady)", for error messages. */
export function describeNotReady(server: string, notReady: ClusterNotReady): string {
  if (notReady.what === 'api') return `the API server at ${server} did not become ready`;
  if (notReady.what === 'scheduler') return 'the scheduler did not start scheduling (no renewal of the lease kube-system/kube-scheduler)';
  const list = notReady.waiting.map(({ node, readiness }) => `node ${node} (${readiness})`).join(', ');
  return `not every node became Ready: ${list}`;
}
