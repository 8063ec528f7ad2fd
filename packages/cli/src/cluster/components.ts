// The component table: which processes make up a cluster and how each is started. The CLI only
// ever runs the other packages' bundled entry points, never imports them. Start order is table
// order: API server, scheduler, controller manager, then one kubelet per node (the later ones retry until the API
// answers, so the order only saves them a few retries).
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { CLUSTER_DOMAIN } from '@kctl/shared';
import type { ClusterNetwork } from '@kctl/shared';
import type { ClusterPaths } from './paths.js';
import { LOOPBACK } from './ports.js';
import type { SupervisedComponent } from './supervisor.js';

/** A bundled entry point: a package export, overridable by an environment variable. */
export interface ComponentEntry {
  /** Who it is in error messages. */
  label: string;
  /** Package export of the bundle, e.g. '@kctl/apiserver/main'. */
  entryModule: string;
  /** Environment variable that points at another entry file (tests, development). */
  entryOverrideEnv: string;
  /** The `up` flag that does without this component, offered when its bundle is missing. */
  optOutFlag?: string;
}

export const API_SERVER_ENTRY: ComponentEntry = {
  label: 'API server',
  entryModule: '@kctl/apiserver/main',
  entryOverrideEnv: 'KCTL_APISERVER_ENTRY',
};
export const SCHEDULER_ENTRY: ComponentEntry = {
  label: 'scheduler',
  entryModule: '@kctl/scheduler/main',
  entryOverrideEnv: 'KCTL_SCHEDULER_ENTRY',
  optOutFlag: '--no-scheduler',
};
export const CONTROLLER_MANAGER_ENTRY: ComponentEntry = {
  label: 'controller manager',
  entryModule: '@kctl/controller-manager/main',
  entryOverrideEnv: 'KCTL_CONTROLLER_MANAGER_ENTRY',
  optOutFlag: '--no-controller-manager',
};
export const PROXY_ENTRY: ComponentEntry = {
  label: 'service proxy',
  entryModule: '@kctl/proxy/main',
  entryOverrideEnv: 'KCTL_PROXY_ENTRY',
  optOutFlag: '--nodes 0',
};
export const KUBELET_ENTRY: ComponentEntry = {
  label: 'kubelet',
  entryModule: '@kctl/kubelet/main',
  entryOverrideEnv: 'KCTL_KUBELET_ENTRY',
  optOutFlag: '--nodes 0',
};

export const API_SERVER = 'apiserver';
export const SCHEDULER = 'scheduler';
export const CONTROLLER_MANAGER = 'controller-manager';
export const PROXY = 'proxy';

/** Names logs/<name>.log, run/<name>.pid and the node's kept port. */
export function kubeletComponentName(node: string): string {
  return `kubelet-${node}`;
}

export interface ComponentDefinition {
  /** Names logs/<name>.log and run/<name>.pid. */
  name: string;
  entry: ComponentEntry;
  args: string[];
}

export interface KubeletNode {
  name: string;
  /** The kubelet's logs/exec server; the API server reaches it through the Node's status. */
  port: number;
}

/** Everything settled before anything starts: ports are chosen, node names fixed. */
export interface ClusterLayout {
  paths: ClusterPaths;
  apiServerPort: number;
  scheduler: boolean;
  schedulerArgs: readonly string[];
  controllerManager: boolean;
  controllerManagerArgs: readonly string[];
  nodes: readonly KubeletNode[];
  kubeletArgs: readonly string[];
  /** bridge, CIDRs, NodePort slice and DNS address of this cluster (network-layout.ts) */
  network: ClusterNetwork;
}

/** Where the local-path provisioner keeps PersistentVolumes: inside the data dir, removed with it. */
export function localPathRoot(paths: ClusterPaths): string {
  return join(paths.dataDir, 'storage');
}

export function clusterComponentTable(layout: ClusterLayout): ComponentDefinition[] {
  const { paths, network } = layout;
  const table: ComponentDefinition[] = [
    {
      name: API_SERVER,
      entry: API_SERVER_ENTRY,
      args: [
        '--data-dir', paths.dataDir,
        '--port', String(layout.apiServerPort),
        '--bind-address', LOOPBACK,
        '--service-cluster-ip-range', network.serviceCidr,
        '--service-node-port-range', network.nodePortRange,
      ],
    },
  ];
  if (layout.scheduler) {
    // All components start at once, so the scheduler's first list usually races the API server's
    // start: retry it after 100 ms rather than client-go's 1 s (later flags override this one).
    table.push({ name: SCHEDULER, entry: SCHEDULER_ENTRY, args: ['--kubeconfig', paths.kubeconfig, '--watch-reconnect-initial-seconds', '0.1', ...layout.schedulerArgs] });
  }
  if (layout.controllerManager) {
    // Same early first retry as the scheduler's.
    table.push({
      name: CONTROLLER_MANAGER,
      entry: CONTROLLER_MANAGER_ENTRY,
      args: ['--kubeconfig', paths.kubeconfig, '--watch-reconnect-initial-seconds', '0.1', '--local-path-root', localPathRoot(paths), ...layout.controllerManagerArgs],
    });
  }
  if (layout.nodes.length > 0) {
    // All nodes share this machine's network namespace, so one proxy serves every node.
    table.push({ name: PROXY, entry: PROXY_ENTRY, args: proxyArgs(paths, network) });
  }
  for (const [index, node] of layout.nodes.entries()) {
    table.push({
      name: kubeletComponentName(node.name),
      entry: KUBELET_ENTRY,
      args: [
        '--kubeconfig', paths.kubeconfig,
        '--node-name', node.name,
        '--port', String(node.port),
        '--root-dir', paths.nodeRootDir(node.name),
        '--node-ip', LOOPBACK,
        '--bridge-name', network.bridgeName,
        '--cluster-cidr', network.clusterCidr,
        '--pod-cidr', network.nodePodCidr(index + 1),
        '--cluster-dns', network.dnsAddress,
        '--cluster-domain', CLUSTER_DOMAIN,
        // Containers see the host's root copy-on-write; the cluster's own state is none of their business.
        '--hide-path', paths.dataDir,
        ...layout.kubeletArgs,
      ],
    });
  }
  return table;
}

/** The proxy's flags; `down` runs the same bundle with --cleanup to remove what it set up. */
export function proxyArgs(paths: ClusterPaths, network: ClusterNetwork): string[] {
  return ['--kubeconfig', paths.kubeconfig, '--service-cidr', network.serviceCidr, '--dns-address', network.dnsAddress, '--cluster-domain', CLUSTER_DOMAIN];
}

/** The entries a cluster with these choices needs, so a missing build is reported before any start. */
export function requiredEntries(choices: { scheduler: boolean; controllerManager: boolean; nodes: readonly unknown[] }): ComponentEntry[] {
  return [
    API_SERVER_ENTRY,
    ...(choices.scheduler ? [SCHEDULER_ENTRY] : []),
    ...(choices.controllerManager ? [CONTROLLER_MANAGER_ENTRY] : []),
    ...(choices.nodes.length > 0 ? [KUBELET_ENTRY, PROXY_ENTRY] : []),
  ];
}

export function resolveComponentEntry(entry: ComponentEntry, env: NodeJS.ProcessEnv = process.env): string {
  const override = env[entry.entryOverrideEnv];
  if (override) return resolve(override);
  try {
    return createRequire(import.meta.url).resolve(entry.entryModule);
  } catch {
    const optOut = entry.optOutFlag ? `, or start without it (${entry.optOutFlag})` : '';
    throw new Error(
      `cannot find the ${entry.label} entry ${entry.entryModule}: ` +
        `run "npm run build", or set ${entry.entryOverrideEnv} to its file${optOut}`,
    );
  }
}

/** Resolves every entry up front, so a missing build fails `up` at once instead of crash-looping. */
export function supervisedComponents(
  definitions: readonly ComponentDefinition[],
  env: NodeJS.ProcessEnv = process.env,
): SupervisedComponent[] {
  return definitions.map((definition) => ({
    name: definition.name,
    command: process.execPath,
    args: [resolveComponentEntry(definition.entry, env), ...definition.args],
  }));
}
