// `kctl cluster status`: what runs for a data dir, read from its pid files, plus whether the
// API server answers. Healthy means the supervisor is alive and the API is ready.
import { API_SERVER, CLUSTER_COMPONENTS } from './components.js';
import { componentPidIfRunning, componentsWithPidFiles, runningSupervisorPid } from './cluster-state.js';
import { apiServerUrl, recordedClusterName } from './kubeconfig-files.js';
import { SUPERVISOR } from './paths.js';
import type { ClusterPaths } from './paths.js';
import { readKeptPorts } from './ports.js';
import { probeReady } from './readiness.js';

function describe(pid: number | undefined): string {
  return pid === undefined ? 'stopped' : `running (pid ${pid})`;
}

/** Prints the status table; resolves true when the cluster is up and serving. */
export async function clusterStatus(paths: ClusterPaths, print: (line: string) => void): Promise<boolean> {
  const supervisorPid = runningSupervisorPid(paths);
  const names = [...new Set([...CLUSTER_COMPONENTS.map((c) => c.name), ...componentsWithPidFiles(paths)])];
  const port = readKeptPorts(paths.portsFile)[API_SERVER];
  const server = port === undefined ? undefined : apiServerUrl(port);
  const apiReady = server !== undefined && (await probeReady(server));

  const rows: Array<[string, string]> = [
    [SUPERVISOR, describe(supervisorPid)],
    ...names.map((name): [string, string] => [name, describe(componentPidIfRunning(paths, name))]),
    ['api', server === undefined ? 'never started' : `${server} ${apiReady ? 'ready' : 'not answering'}`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 3;
  print(`Cluster "${recordedClusterName(paths.kubeconfig)}" in ${paths.dataDir}`);
  for (const [label, state] of rows) print(`${label.padEnd(width)}${state}`);
  return supervisorPid !== undefined && apiReady;
}
