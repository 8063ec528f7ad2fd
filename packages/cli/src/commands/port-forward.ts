// kctl port-forward TYPE/NAME [LOCAL:]REMOTE... [--address ADDR,...]
// Resolves the pod (a Service's or workload's pod; Service ports to target ports), refuses a pod
// that is not running as kubectl does, listens locally and forwards every accepted connection
// through its own pods/NAME/portforward WebSocket, until SIGINT/SIGTERM (exit 0) or, as kubectl
// 1.32 does, until a forwarded connection fails (`error: lost connection to pod`, exit 1).
import type { Command } from 'commander';
import { resourcePath } from '@kctl/shared';
import type { CliContext } from '../cli-context.js';
import type { CommandRunner } from '../command-runner.js';
import { collectValues } from '../command-runner.js';
import { UsageError } from '../resource-arguments.js';
import { parseForwardedPorts, splitPort } from './port-forward-ports.js';
import { resolveForwardTarget } from './port-forward-target.js';
import { listenAddresses, PortListeners } from './port-forward-listeners.js';
import { forwardConnection } from './port-forward-stream.js';

export interface PortForwardOptions {
  address: string[];
  podRunningTimeout?: string;
}

export function registerPortForward(program: Command, run: CommandRunner): void {
  program
    .command('port-forward')
    .description('Forward one or more local ports to a pod')
    .argument('[target]', 'POD or TYPE/NAME (pod, service, deployment, replicaset, statefulset...)')
    .argument('[ports...]', '[LOCAL_PORT:]REMOTE_PORT; an empty LOCAL_PORT picks a free port')
    .option('--address <addresses>', 'addresses to listen on (comma separated); only IP addresses or localhost', collectValues, [])
    .option('--pod-running-timeout <duration>', 'accepted for kubectl compatibility; the pod is chosen at once', '1m0s')
    .action(run(async (ctx, args: string[], opts: PortForwardOptions) => portForward(ctx, args, opts)));
}

/** klog's error line, the way client-go reports a failed forwarded connection. */
function klogError(message: string): string {
  const now = new Date();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp = `${pad(now.getMonth() + 1)}${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}.${pad(now.getMilliseconds() * 1000, 6)}`;
  return `E${stamp} ${String(process.pid).padStart(7)} portforward.go:424] "Unhandled Error" err=${JSON.stringify(message)}`;
}

/** Resolves on SIGINT/SIGTERM (a clean stop) or when `lost` is called (kubectl's exit on a failed connection). */
function untilStopped(): { stopped: Promise<'signal' | 'lost'>; lost: () => void } {
  let lost: () => void = () => undefined;
  const stopped = new Promise<'signal' | 'lost'>((resolve) => {
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
    const stop = (why: 'signal' | 'lost') => {
      for (const signal of signals) process.off(signal, onSignal);
      resolve(why);
    };
    const onSignal = () => stop('signal');
    lost = () => stop('lost');
    for (const signal of signals) process.once(signal, onSignal);
  });
  return { stopped, lost: () => lost() };
}

export async function portForward(ctx: CliContext, args: string[], opts: PortForwardOptions): Promise<number> {
  const [targetArg, ...portArgs] = args;
  if (!targetArg || portArgs.length === 0) throw new UsageError('TYPE/NAME and list of ports are required for port-forward');
  const addresses = listenAddresses((opts.address.length ? opts.address : ['localhost']).flatMap((a) => a.split(',')).filter(Boolean));
  const requested = portArgs.map(splitPort);
  const target = await resolveForwardTarget(ctx, targetArg, requested);
  const ports = parseForwardedPorts(target.ports);
  const phase = target.pod.status?.phase;
  if (phase !== 'Running') throw new Error(`unable to forward port because pod is not running. Current status=${phase ?? ''}`);
  const podName = target.pod.metadata?.name ?? '';
  const podType = ctx.catalog.byPath('', 'v1', 'pods');
  if (!podType) throw new Error('the server does not serve pods');
  const path = `${resourcePath(podType, ctx.namespace, podName)}/portforward`;
  const connection = ctx.connection();
  const stdout = (line: string) => process.stdout.write(`${line}\n`);
  const stderr = (line: string) => process.stderr.write(`${line}\n`);

  const listeners = new PortListeners({ out: stdout, err: stderr }, (socket, port) => {
    forwardConnection(socket, {
      connection,
      path,
      remotePort: port.remote,
      userAgent: 'kctl/v1.32.0 (linux/amd64)',
      onError: (message) => {
        stderr(klogError(`an error occurred forwarding ${port.local} -> ${port.remote}: ${message}`));
        // client-go closes its whole connection after a failed forward, so kubectl ends there.
        lost();
      },
    });
  });
  const { stopped, lost } = untilStopped();
  try {
    await listeners.open(addresses, ports);
  } catch (err) {
    await listeners.close();
    throw err;
  }
  const why = await stopped;
  await listeners.close();
  if (why === 'lost') throw new Error('lost connection to pod');
  return 0;
}
