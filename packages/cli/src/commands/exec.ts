// kctl exec (POD | pod/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND [args...]
// GET the pod (kubectl refuses completed pods client-side and defaults the container), then a
// v5.channel.k8s.io WebSocket to pods/NAME/exec; the remote exit code becomes ours.
import type { Command } from 'commander';
import { resourcePath } from '@kctl/shared';
import type { CliContext } from '../cli-context.js';
import type { CommandRunner } from '../command-runner.js';
import { UsageError } from '../resource-arguments.js';
import { defaultContainer } from './exec/container-choice.js';
import type { PodLike } from './exec/container-choice.js';
import { runPodSession } from './exec/pod-session.js';

export interface ExecOptions {
  container?: string;
  stdin?: boolean;
  tty?: boolean;
  quiet?: boolean;
}

export function registerExec(program: Command, run: CommandRunner): void {
  program
    .command('exec')
    .description('Execute a command in a container')
    .argument('[pod]', 'POD or pod/NAME')
    .argument('[command...]', 'the command and its arguments, after --')
    .option('-c, --container <name>', 'container name; if omitted, use the kubectl.kubernetes.io/default-container annotation or the first container')
    .option('-i, --stdin', 'pass stdin to the container')
    .option('-t, --tty', 'stdin is a TTY')
    .option('-q, --quiet', 'only print output from the remote session')
    .action(run(async (ctx, args: string[], opts: ExecOptions) => execInPod(ctx, args, opts)));
}

/** "web" or "pod/web" / "pods/web"; other TYPE/NAME forms need controllers' selectors (not yet). */
export function podNameArgument(arg: string | undefined, verb: string): string {
  if (!arg) throw new UsageError(`POD or TYPE/NAME is a required argument for the ${verb} command`);
  const slash = arg.indexOf('/');
  if (slash < 0) return arg;
  const type = arg.slice(0, slash).toLowerCase();
  if (type !== 'pod' && type !== 'pods' && type !== 'po') throw new UsageError(`cannot ${verb} into ${arg}: only pods are supported`);
  return arg.slice(slash + 1);
}

export async function execInPod(ctx: CliContext, args: string[], opts: ExecOptions): Promise<number> {
  const [podArg, ...command] = args;
  const name = podNameArgument(podArg, 'exec');
  if (command.length === 0) throw new UsageError('you must specify at least one command for the container');
  const podType = ctx.catalog.byPath('', 'v1', 'pods');
  if (!podType) throw new Error('the server does not serve pods');
  const namespace = ctx.namespace;
  const pod = await ctx.client.get<PodLike>(resourcePath(podType, namespace, name));
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new Error(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  // An unknown -c is left to the server, whose refusal kubectl prints.
  const container = opts.container || defaultContainer(pod, (line) => !opts.quiet && process.stderr.write(`${line}\n`)).name;
  return runPodSession(ctx, podType, { subresource: 'exec', namespace, pod: name, container, command, stdin: Boolean(opts.stdin), tty: Boolean(opts.tty) });
}
