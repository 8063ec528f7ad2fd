// kctl attach (POD | pod/NAME) [-c CONTAINER] [-i] [-t]: connects to the container's own
// process streams (pods/NAME/attach over v5.channel.k8s.io).
import type { Command } from 'commander';
import { resourcePath } from '@kctl/shared';
import type { CliContext } from '../cli-context.js';
import type { CommandRunner } from '../command-runner.js';
import { findOrDefaultContainer } from './exec/container-choice.js';
import type { ContainerSpec, PodLike } from './exec/container-choice.js';
import { runPodSession } from './exec/pod-session.js';
import { podNameArgument } from './exec.js';

export interface AttachOptions {
  container?: string;
  stdin?: boolean;
  tty?: boolean;
  quiet?: boolean;
  onOutput?: (bytes: number) => void;
}

export function registerAttach(program: Command, run: CommandRunner): void {
  program
    .command('attach')
    .description('Attach to a running container')
    .argument('[pod]', 'POD or pod/NAME')
    .option('-c, --container <name>', 'container name; if omitted, use the kubectl.kubernetes.io/default-container annotation or the first container')
    .option('-i, --stdin', 'pass stdin to the container')
    .option('-t, --tty', 'stdin is a TTY')
    .option('-q, --quiet', 'only print output from the remote session')
    .action(run(async (ctx, args: string[], opts: AttachOptions) => attachToPod(ctx, args, opts)));
}

/** kubectl follows the container: no TTY where none was allocated, a TTY where one was. */
export function ttyForContainer(wanted: boolean, container: ContainerSpec, warn: (line: string) => void): boolean {
  if (wanted && !container.tty) {
    warn(`error: Unable to use a TTY - container ${container.name} did not allocate one`);
    return false;
  }
  return wanted || Boolean(container.tty);
}

export async function attachToPod(ctx: CliContext, args: string[], opts: AttachOptions): Promise<number> {
  const name = podNameArgument(args[0], 'attach');
  const podType = ctx.catalog.byPath('', 'v1', 'pods');
  if (!podType) throw new Error('the server does not serve pods');
  const namespace = ctx.namespace;
  const pod = await ctx.client.get<PodLike>(resourcePath(podType, namespace, name));
  return attachToLoadedPod(ctx, pod, opts);
}

export async function attachToLoadedPod(ctx: CliContext, pod: PodLike, opts: AttachOptions): Promise<number> {
  const podType = ctx.catalog.byPath('', 'v1', 'pods');
  if (!podType) throw new Error('the server does not serve pods');
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new Error(`cannot attach a container in a completed pod; current phase is ${phase}`);
  const warn = (line: string) => !opts.quiet && process.stderr.write(`${line}\n`);
  const container = findOrDefaultContainer(pod, opts.container, warn);
  const tty = ttyForContainer(Boolean(opts.tty), container, warn);
  return runPodSession(ctx, podType, {
    subresource: 'attach',
    namespace: pod.metadata?.namespace ?? ctx.namespace,
    pod: pod.metadata?.name ?? '',
    container: container.name,
    stdin: Boolean(opts.stdin),
    tty,
    promptHint: !opts.quiet,
    ...(opts.onOutput ? { onOutput: opts.onOutput } : {}),
  });
}
