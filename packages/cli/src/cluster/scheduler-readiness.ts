// Asking the API server whether the scheduler is scheduling: it renews the Lease
// kube-system/kube-scheduler (as kube-scheduler's leader-election lock) once its caches are
// synced. A renewal after `up` began means this run's scheduler is at work.
import { apiGet } from './api-get.js';

const LEASE_PATH = '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-scheduler';

/** One GET of the lease: true when it was renewed at or after `sinceMs`. */
export async function probeSchedulerLease(server: string, sinceMs: number, timeoutMs = 1_000): Promise<boolean> {
  const answer = await apiGet(server, LEASE_PATH, timeoutMs);
  if (answer?.status !== 200) return false;
  try {
    const renewTime = (JSON.parse(answer.body) as { spec?: { renewTime?: string } }).spec?.renewTime;
    return renewTime !== undefined && Date.parse(renewTime) >= sinceMs;
  } catch {
    return false;
  }
}
