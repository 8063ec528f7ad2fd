// kctl run NAME --image=IMG [--restart=Always|OnFailure|Never] [--command] [--env K=V]
// [--labels k=v] [-i] [-t] [--rm] [-- ARGS...]
// POSTs the pod as kubectl run does; with -i waits for it to run and attaches (or prints the
// logs of a pod that already finished), then waits for completion, deletes it with --rm and
// exits with the container's exit code.
import type { Command } from 'commander';
import { resourcePath } from '@kctl/shared';
import type { ResourceType } from '@kctl/shared';
import type { CliContext } from '../cli-context.js';
import type { CommandRunner } from '../command-runner.js';
import { collectValues } from '../command-runner.js';
import { parseGoDuration } from './wait/go-duration.js';
import type { PodLike } from './exec/container-choice.js';
import { attachToLoadedPod } from './attach.js';
import { printLogs } from './logs.js';
import { podForRun, validateRunFlags } from './run/pod-for-run.js';
import type { RunFlags } from './run/pod-for-run.js';
import { isCompleted, isStartedOrDone, isSucceeded, waitForPodPhase } from './run/pod-phase-wait.js';

/** setTimeout's largest delay (~24 days): kubectl waits for the pod's end without a limit. */
const UNTIL_IT_ENDS_MS = 2 ** 31 - 1;
/** How long a refused attach waits for the pod to be reported finished before it is an error. */
const EXITED_STATUS_GRACE_MS = 5_000;

interface RunOptions extends RunFlags {
  podRunningTimeout: string;
  quiet?: boolean;
}

export function registerRun(program: Command, run: CommandRunner): void {
  program
    .command('run')
    .description('Run a particular image on the cluster')
    .argument('[name]', 'the pod name')
    .argument('[args...]', 'arguments (or with --command the command) for the container, after --')
    .option('--image <image>', 'the image for the container to run')
    .option('--restart <policy>', 'the restart policy for this Pod: Always, OnFailure or Never', 'Always')
    .option('--command', 'use the extra arguments as the command instead of args')
    .option('--env <K=V>', 'environment variables to set in the container', collectValues, [])
    .option('-l, --labels <labels>', 'comma separated labels to apply to the pod; replaces run=NAME')
    .option('-i, --stdin', 'keep stdin open on the container in the pod')
    .option('-t, --tty', 'allocate a TTY for the container in the pod')
    .option('--rm', 'delete the pod after it exits (only with attached containers)')
    .option('--leave-stdin-open', 'leave stdin open after the first attach completes')
    .option('--pod-running-timeout <duration>', 'how long to wait until the pod is running', '1m0s')
    .option('-q, --quiet', 'suppress prompt messages')
    .action(run(async (ctx, args: string[], opts: RunOptions) => runPod(ctx, args, opts)));
}

function podsType(ctx: CliContext): ResourceType {
  const type = ctx.catalog.byPath('', 'v1', 'pods');
  if (!type) throw new Error('the server does not serve pods');
  return type;
}

export async function runPod(ctx: CliContext, args: string[], opts: RunOptions): Promise<number> {
  const [name, ...containerArgs] = args;
  validateRunFlags(name, opts);
  const type = podsType(ctx);
  const namespace = ctx.namespace;
  const created = await ctx.client.create<PodLike>(resourcePath(type, namespace), podForRun(name, opts, containerArgs), { fieldManager: 'kubectl-run' });
  if (!opts.stdin) {
    process.stdout.write(`pod/${name} created\n`);
    return 0;
  }
  const timeout = parseGoDuration(opts.podRunningTimeout);
  const started = await waitForPodPhase(ctx, type, namespace, name, isStartedOrDone, timeout);
  let attachedOutput: number | undefined;
  if (isCompleted(started)) await printLogs(ctx, [name], { maxLogRequests: '1' });
  else {
    attachedOutput = 0;
    try {
      await attachToLoadedPod(ctx, { ...created, ...started }, {
        stdin: true,
        tty: Boolean(opts.tty),
        ...(opts.quiet ? { quiet: true } : {}),
        onOutput: (bytes) => (attachedOutput = (attachedOutput ?? 0) + bytes),
      });
    } catch (err) {
      // A short-lived container can end between "running" and the attach: show its logs instead.
      // Its kubelet may not have reported the pod finished yet, so give the status a moment.
      const now = await waitForPodPhase(ctx, type, namespace, name, isCompleted, EXITED_STATUS_GRACE_MS).catch(() => undefined);
      if (!now || !isCompleted(now)) throw err;
      await printLogs(ctx, [name], { maxLogRequests: '1' });
      attachedOutput = undefined;
    }
  }

  const waitForExit = !opts.leaveStdinOpen && (opts.restart === 'Never' || opts.restart === 'OnFailure');
  const finished = waitForExit
    ? await waitForPodPhase(ctx, type, namespace, name, opts.restart === 'OnFailure' ? isSucceeded : isCompleted, UNTIL_IT_ENDS_MS)
    : undefined;
  // Attach streams output from the moment it connects: a container that printed everything and
  // ended in between showed nothing, so its log tells the user what it said.
  if (finished && attachedOutput === 0) await printLogs(ctx, [name], { maxLogRequests: '1' });
  if (opts.rm) {
    await ctx.client.delete(resourcePath(type, namespace, name), { propagationPolicy: 'Background' });
    process.stdout.write(`pod "${name}" deleted\n`);
  }
  return finished ? exitCodeOf(finished, namespace, name) : 0;
}

/** kubectl run's verdict on a finished pod: its container's exit code, with its reason. */
function exitCodeOf(pod: PodLike & { status?: { containerStatuses?: Array<{ state?: { terminated?: { exitCode?: number; reason?: string; message?: string } } }> } }, namespace: string, name: string): number {
  if (pod.status?.phase === 'Succeeded') return 0;
  const terminated = pod.status?.containerStatuses?.[0]?.state?.terminated;
  const code = terminated?.exitCode ?? 0;
  if (code === 0) throw new Error(`pod ${namespace}/${name} failed with unknown exit code`);
  // kubectl formats "terminated (%s)\n%s" and adds a newline only when the text lacks one.
  const text = `pod ${namespace}/${name} terminated (${terminated?.reason ?? ''})\n${terminated?.message ?? ''}`;
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
  return code;
}
