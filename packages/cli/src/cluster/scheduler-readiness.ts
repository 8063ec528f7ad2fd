// Asking the API server whether the scheduler is scheduling: it renews the Lease
// kube-system/kube-scheduler (as kube-scheduler's leader-election lock) once its caches are
// synced. A renewal after `up` began means this run's scheduler is at work. Plain node:http.
import { get } from 'node:http';

const LEASE_PATH = '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-scheduler';

/** One GET of the lease: true when it was renewed at or after `sinceMs`. */
export function probeSchedulerLease(server: string, sinceMs: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get(`${server}${LEASE_PATH}`, { agent: false, timeout: timeoutMs, headers: { accept: 'application/json' } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('error', () => resolve(false));
      response.on('end', () => {
        if (response.statusCode !== 200) return resolve(false);
        try {
          const renewTime = (JSON.parse(body) as { spec?: { renewTime?: string } }).spec?.renewTime;
          resolve(renewTime !== undefined && Date.parse(renewTime) >= sinceMs);
        } catch {
          resolve(false);
        }
      });
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}
