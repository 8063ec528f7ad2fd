// `kctl cluster status`: what runs for a data dir, read from its pid files and the running
// supervisor's plan, whether the API server answers, and whether each node is Ready. Healthy
// means the supervisor is alive, the API is ready and every planned node is Ready.
import { API_SERVER } from './components.js';
import { componentPidIfRunning, componentsWithPidFiles, runningSupervisorPid } from './cluster-state.js';
import { readClusterPlan } from './cluster-plan-file.js';
import { apiServerUrl, recordedClusterName } from './kubeconfig-files.js';
import { probeNodes } from './node-readiness.js';
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
  // Without a supervisor there is no plan: the API server is what a cluster always has.
  const plan = supervisorPid === undefined ? undefined : readClusterPlan(paths.planFile);
  const names = [...new Set([...(plan?.components ?? [API_SERVER]), ...componentsWithPidFiles(paths)])];
  const port = readKeptPorts(paths.portsFile)[API_SERVER];
  const server = port === undefined ? undefined : apiServerUrl(port);
  const apiReady = server !== undefined && (await probeReady(server));
  const nodes = plan?.nodes ?? [];
  const readiness = apiReady ? await probeNodes(server, nodes) : new Map<string, string>();

  const rows: Array<[string, string]> = [
    [SUPERVISOR, describe(supervisorPid)],
    ...names.map((name): [string, string] => [name, describe(componentPidIfRunning(paths, name))]),
    ['api', server === undefined ? 'never started' : `${server} ${apiReady ? 'ready' : 'not answering'}`],
    ...nodes.map((node): [string, string] => [`node/${node}`, readiness.get(node) ?? 'unknown (API not answering)']),
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 3;
  print(`Cluster "${recordedClusterName(paths.kubeconfig)}" in ${paths.dataDir}`);
  for (const [label, state] of rows) print(`${label.padEnd(width)}${state}`);
  const nodesReady = nodes.every((node) => readiness.get(node) === 'Ready');
  return supervisorPid !== undefined && apiReady && nodesReady;
}
