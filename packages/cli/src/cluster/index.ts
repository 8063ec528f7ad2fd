// `kctl cluster up|down|status|stop-node|start-node`: the commander wiring. The work lives in
// foreground.ts, detach.ts, status.ts, down.ts and node-stop-start.ts; this file turns flags and process signals into their inputs.
import type { Command } from 'commander';
import { runDetached } from './detach.js';
import { clusterDown } from './down.js';
import { runForeground } from './foreground.js';
import { clusterPaths, defaultDataDir } from './paths.js';
import { startNode, stopNode } from './node-stop-start.js';
import { clusterStatus } from './status.js';
import { collectRepeated, DEFAULT_NODE_COUNT, parseNodeCountFlag, parsePortFlag, resolveUpOptions } from './up-options.js';
import type { UpFlags } from './up-options.js';
import { DEFAULT_CLUSTER_NAME } from './kubeconfig-files.js';

const DATA_DIR_FLAG = '--data-dir <dir>';
const DATA_DIR_HELP = 'cluster state directory (default: $KCTL_HOME or ~/.kctl)';

const printLine = (line: string): void => void process.stdout.write(`${line}\n`);
const printError = (line: string): void => void process.stderr.write(`${line}\n`);

/** Aborts on the first SIGINT/SIGTERM/SIGHUP; call the returned function to stop listening. */
function shutdownOnSignals(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const onSignal = (): void => controller.abort();
  for (const name of signals) process.on(name, onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      for (const name of signals) process.off(name, onSignal);
    },
  };
}

function pathsFromFlags(flags: { dataDir?: string }) {
  return clusterPaths(flags.dataDir ?? defaultDataDir());
}

export function registerClusterCommand(program: Command): void {
  const cluster = program.command('cluster').description('Start, stop and inspect the local kctl cluster');

  cluster
    .command('up')
    .description('Start the cluster (API server, scheduler, controller manager, one kubelet per node) and wait until the API and every node are ready')
    .option(DATA_DIR_FLAG, DATA_DIR_HELP)
    .option('--port <port>', 'API server port; 0 picks a free one (default: the port kept in the data dir, else a free one)', parsePortFlag)
    .option('--detach', 'run the cluster in the background and return once it is ready')
    .option('--merge-kubeconfig', 'merge a context into ~/.kube/config (the default without --data-dir)')
    .option('--no-merge-kubeconfig', 'leave ~/.kube/config alone')
    .option('--name <name>', 'cluster, user and context name in kubeconfigs', DEFAULT_CLUSTER_NAME)
    .option(
      '--nodes <count>',
      `kubelets to run, named after this host: HOST, HOST-2, ... (0: control plane only; default: ${DEFAULT_NODE_COUNT})`,
      parseNodeCountFlag,
    )
    .option('--no-scheduler', 'do not run the scheduler (pods stay Pending unless they name a node)')
    .option('--no-controller-manager', 'do not run the controller manager (no controllers: Services get no Endpoints, nothing runs ReplicaSets, Deployments, Jobs, garbage collection or node health)')
    .option('--kubelet-arg <flag>', 'extra flag for every kubelet, e.g. --kubelet-arg=--backoff-base-ms=1000 (repeatable)', collectRepeated)
    .option('--scheduler-arg <flag>', 'extra flag for the scheduler, e.g. --scheduler-arg=--log-level=debug (repeatable)', collectRepeated)
    .option(
      '--controller-manager-arg <flag>',
      'extra flag for the controller manager, e.g. --controller-manager-arg=--node-monitor-grace-period=4 (repeatable)',
      collectRepeated,
    )
    .action(async (flags: UpFlags) => {
      const options = resolveUpOptions(flags);
      if (flags.detach) {
        await runDetached(options, { print: printLine });
        return;
      }
      const shutdown = shutdownOnSignals();
      try {
        await runForeground(options, { shutdown: shutdown.signal, print: printLine, warn: printError });
      } finally {
        shutdown.dispose();
      }
    });

  cluster
    .command('status')
    .description('Show which cluster processes run, whether the API server answers and whether each node is Ready')
    .option(DATA_DIR_FLAG, DATA_DIR_HELP)
    .action(async (flags: { dataDir?: string }) => {
      if (!(await clusterStatus(pathsFromFlags(flags), printLine))) process.exitCode = 1;
    });

  cluster
    .command('down')
    .description('Stop the cluster and every workload it runs (its data stays in the data directory)')
    .option(DATA_DIR_FLAG, DATA_DIR_HELP)
    .action(async (flags: { dataDir?: string }) => {
      await clusterDown(pathsFromFlags(flags), { print: printLine, warn: printError });
    });

  cluster
    .command('stop-node <node>')
    .description("Stop a node's kubelet and keep it down (its containers keep running), as if the node had failed")
    .option(DATA_DIR_FLAG, DATA_DIR_HELP)
    .action(async (node: string, flags: { dataDir?: string }) => {
      await stopNode(pathsFromFlags(flags), node, { print: printLine });
    });

  cluster
    .command('start-node <node>')
    .description("Start a stopped node's kubelet again and wait until the node is Ready")
    .option(DATA_DIR_FLAG, DATA_DIR_HELP)
    .action(async (node: string, flags: { dataDir?: string }) => {
      await startNode(pathsFromFlags(flags), node, { print: printLine });
    });
}
