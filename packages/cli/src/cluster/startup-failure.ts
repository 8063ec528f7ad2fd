// The error `up` reports when the cluster did not become ready: what was missing, and the
// tails of the logs that can say why (the supervisor's, and the API server's or the waiting
// kubelets'), so the cause is on screen.
import { API_SERVER, SCHEDULER, kubeletComponentName } from './components.js';
import { formatLogTails } from './log-tail.js';
import type { ClusterPaths } from './paths.js';
import { describeNotReady } from './readiness.js';
import type { ClusterNotReady } from './readiness.js';

export function logsExplaining(paths: ClusterPaths, notReady: ClusterNotReady): string[] {
  if (notReady.what === 'api') return [paths.componentLog(API_SERVER)];
  if (notReady.what === 'scheduler') return [paths.componentLog(SCHEDULER)];
  return notReady.waiting.map(({ node }) => paths.componentLog(kubeletComponentName(node)));
}

export function startupFailureMessage(
  paths: ClusterPaths,
  server: string,
  notReady: ClusterNotReady,
  options: { heading?: string; includeSupervisorLog?: boolean } = {},
): string {
  const logFiles = [...(options.includeSupervisorLog ? [paths.supervisorLog] : []), ...logsExplaining(paths, notReady)];
  const logs = formatLogTails(logFiles);
  const heading = options.heading ? `${options.heading}: ` : '';
  return `${heading}${describeNotReady(server, notReady)}; logs in ${paths.logsDir}${logs ? `\n${logs}` : ''}`;
}
