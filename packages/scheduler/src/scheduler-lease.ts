// The scheduler's presence in the API: like kube-scheduler's leader-election lock, a Lease
// kube-system/kube-scheduler renewed every retry period (2 s) while it schedules. `kctl cluster
// up` waits for a fresh renewal before it calls the cluster ready, so a pod created right after
// `up` returns is scheduled at once. (kctl runs one scheduler: the lease records the holder, it
// does not arbitrate between several.)
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { renewLease } from '@kctl/shared';
import type { ApiClient } from '@kctl/shared';

export const SCHEDULER_LEASE = { namespace: 'kube-system', name: 'kube-scheduler' } as const;

export interface SchedulerLeaseOptions {
  /** kube-scheduler's defaults: leaseDuration 15 s, retryPeriod 2 s */
  leaseDurationSeconds?: number;
  renewPeriodMs?: number;
  onError?: (err: unknown) => void;
}

export function startSchedulerLease(client: ApiClient, opts: SchedulerLeaseOptions = {}): { stop(): void; renewed: Promise<void> } {
  const holderIdentity = `${hostname()}_${randomUUID()}`;
  const renew = () => renewLease(client, { ...SCHEDULER_LEASE, holderIdentity, leaseDurationSeconds: opts.leaseDurationSeconds ?? 15, now: Date.now() });
  const renewed = renew().catch((err: unknown) => opts.onError?.(err));
  const timer = setInterval(() => void renew().catch((err: unknown) => opts.onError?.(err)), opts.renewPeriodMs ?? 2000);
  return { stop: () => clearInterval(timer), renewed };
}
