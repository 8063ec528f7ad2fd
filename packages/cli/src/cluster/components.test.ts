import { describe, expect, it } from 'vitest';
import { clusterNetwork } from '@kctl/shared';
import { clusterComponentTable, KUBELET_ENTRY, requiredEntries, resolveComponentEntry, SCHEDULER_ENTRY } from './components.js';
import { clusterPaths } from './paths.js';

const paths = clusterPaths('/srv/kctl');
const network = clusterNetwork('/srv/kctl');

describe('the component table', () => {
  it('starts the API server, the scheduler, the controller manager and one kubelet per node, each on its own port and root dir', () => {
    const table = clusterComponentTable({
      paths,
      apiServerPort: 6443,
      scheduler: true,
      schedulerArgs: ['--log-level=debug'],
      controllerManager: true,
      controllerManagerArgs: ['--node-monitor-grace-period=4'],
      nodes: [{ name: 'vm', port: 10250 }, { name: 'vm-2', port: 10251 }],
      kubeletArgs: ['--backoff-base-ms=100'],
      network,
    });
    expect(table.map((c) => c.name)).toEqual(['apiserver', 'scheduler', 'controller-manager', 'proxy', 'kubelet-vm', 'kubelet-vm-2']);
    expect(table[0]?.args).toContain(network.serviceCidr);
    expect(table[1]?.args).toEqual(['--kubeconfig', '/srv/kctl/kubeconfig', '--watch-reconnect-initial-seconds', '0.1', '--log-level=debug']);
    expect(table[2]?.args).toEqual(['--kubeconfig', '/srv/kctl/kubeconfig', '--watch-reconnect-initial-seconds', '0.1', '--local-path-root', '/srv/kctl/storage', '--node-monitor-grace-period=4']);
    expect(table[3]?.args).toEqual(['--kubeconfig', '/srv/kctl/kubeconfig', '--service-cidr', network.serviceCidr, '--dns-address', network.dnsAddress, '--cluster-domain', 'cluster.local']);
    expect(table[5]?.args).toEqual([
      '--kubeconfig', '/srv/kctl/kubeconfig', '--node-name', 'vm-2', '--port', '10251',
      '--root-dir', '/srv/kctl/nodes/vm-2', '--node-ip', '127.0.0.1',
      '--bridge-name', network.bridgeName, '--cluster-cidr', network.clusterCidr, '--pod-cidr', network.nodePodCidr(2),
      '--cluster-dns', network.dnsAddress, '--cluster-domain', 'cluster.local', '--hide-path', '/srv/kctl',
      '--backoff-base-ms=100',
    ]);
  });

  it('is the API server alone for a control-plane-only cluster', () => {
    const table = clusterComponentTable({ paths, apiServerPort: 1, scheduler: false, schedulerArgs: [], controllerManager: false, controllerManagerArgs: [], nodes: [], kubeletArgs: [], network });
    expect(table.map((c) => c.name)).toEqual(['apiserver']);
    expect(requiredEntries({ scheduler: false, controllerManager: false, nodes: [] }).map((e) => e.label)).toEqual(['API server']);
    expect(requiredEntries({ scheduler: true, controllerManager: true, nodes: ['a', 'b'] }).map((e) => e.label)).toEqual(['API server', 'scheduler', 'controller manager', 'kubelet', 'service proxy']);
  });

  it('explains a missing bundle, with the flag that does without it', () => {
    const missing = { ...KUBELET_ENTRY, entryModule: '@kctl/not-built/main' };
    expect(() => resolveComponentEntry(missing, {})).toThrow(
      'cannot find the kubelet entry @kctl/not-built/main: run "npm run build", or set KCTL_KUBELET_ENTRY to its file, or start without it (--nodes 0)',
    );
    expect(resolveComponentEntry(SCHEDULER_ENTRY, { KCTL_SCHEDULER_ENTRY: 'rel/sched.mjs' })).toMatch(/^\/.*rel\/sched\.mjs$/);
  });
});
