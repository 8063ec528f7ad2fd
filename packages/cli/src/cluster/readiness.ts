// Asking the API server whether it is ready. Plain node:http rather than fetch: it is already
// loaded, and `up --detach` polls every few milliseconds while racing for a sub-second start.
import { get } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export const READY_TIMEOUT_MS = 20_000;
export const READY_POLL_MS = 15;

/** One GET <server>/readyz: true on 200, false on any error, other status or timeout. */
export function probeReady(server: string, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get(`${server}/readyz`, { agent: false, timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

export interface WaitOptions {
  timeoutMs?: number;
  pollMs?: number;
  /** Gives up early, e.g. when the process that should serve the API has died. */
  signal?: AbortSignal;
}

/** Polls until the API answers ready; false on timeout or abort. */
export async function waitUntilReady(server: string, options: WaitOptions = {}): Promise<boolean> {
  const deadline = Date.now() + (options.timeoutMs ?? READY_TIMEOUT_MS);
  const pollMs = options.pollMs ?? READY_POLL_MS;
  while (!options.signal?.aborted) {
    if (await probeReady(server, Math.max(1, Math.min(1_000, deadline - Date.now())))) return true;
    if (Date.now() >= deadline) return false;
    await sleep(pollMs);
  }
  return false;
}
