// kctl logs (POD | pod/NAME | -l SELECTOR) [-c C | --all-containers] [-f] [-p] [--tail N]
// [--since D | --since-time T] [--timestamps] [--limit-bytes N] [--prefix]
// One GET pods/NAME/log per container stream, copied to stdout; followers run concurrently.
import type { Command } from 'commander';
import { errorFromResponse, resourcePath } from '@kctl/shared';
import type { KubernetesList, Query, ResourceType } from '@kctl/shared';
import type { CliContext } from '../cli-context.js';
import type { CommandRunner } from '../command-runner.js';
import { UsageError } from '../resource-arguments.js';
import type { PodLike } from './exec/container-choice.js';
import { podNameArgument } from './exec.js';
import { logQuery, streamsForPod } from './logs/log-requests.js';
import type { LogsFlags, LogStreamRequest } from './logs/log-requests.js';
import { LinePrefixer } from './logs/line-prefixer.js';

interface LogsOptions extends LogsFlags {
  maxLogRequests: string;
  ignoreErrors?: boolean;
}

export function registerLogs(program: Command, run: CommandRunner): void {
  program
    .command('logs')
    .description('Print the logs for a container in a pod')
    .argument('[pod]', 'POD or pod/NAME')
    .option('-c, --container <name>', 'print the logs of this container')
    .option('-f, --follow', 'specify if the logs should be streamed')
    .option('-p, --previous', 'print the logs for the previous instance of the container in a pod if it exists')
    .option('--tail <lines>', 'lines of recent log file to display; -1 (all) without a selector, 10 with one')
    .option('--since <duration>', 'only return logs newer than a relative duration like 5s, 2m, or 3h')
    .option('--since-time <time>', 'only return logs after a specific date (RFC3339)')
    .option('--timestamps', 'include timestamps on each line in the log output')
    .option('--limit-bytes <bytes>', 'maximum bytes of logs to return')
    .option('--all-containers', 'get all containers\' logs in the pod(s)')
    .option('-l, --selector <selector>', 'selector (label query) to filter on')
    .option('--prefix', 'prefix each log line with the log source (pod name and container name)')
    .option('--max-log-requests <n>', 'maximum number of concurrent logs to follow when using by a selector', '5')
    .option('--ignore-errors', 'if watching / following pod logs, allow for any errors that occur to be non-fatal')
    .action(run(async (ctx, args: string[], opts: LogsOptions) => printLogs(ctx, args, opts)));
}

function podsType(ctx: CliContext): ResourceType {
  const type = ctx.catalog.byPath('', 'v1', 'pods');
  if (!type) throw new Error('the server does not serve pods');
  return type;
}

async function selectStreams(ctx: CliContext, args: string[], opts: LogsOptions): Promise<LogStreamRequest[]> {
  const type = podsType(ctx);
  const warn = (line: string) => process.stderr.write(`${line}\n`);
  if (opts.selector) {
    if (args.length > 0) throw new UsageError('only a selector (-l) or a POD name is allowed');
    const list = await ctx.client.get<KubernetesList<PodLike>>(resourcePath(type, ctx.namespace), { labelSelector: opts.selector });
    if (list.items.length === 0) warn(`No resources found in ${ctx.namespace} namespace.`);
    return list.items.flatMap((pod) => streamsForPod(pod, opts, true, warn));
  }
  if (args.length !== 1) throw new UsageError("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command");
  const pod = await ctx.client.get<PodLike>(resourcePath(type, ctx.namespace, podNameArgument(args[0], 'logs')));
  return streamsForPod(pod, opts, Boolean(opts.prefix), warn);
}

async function copyStream(ctx: CliContext, stream: LogStreamRequest, query: Query): Promise<void> {
  const path = resourcePath(podsType(ctx), ctx.namespace, stream.pod, 'log');
  const res = await ctx.client.open('GET', path, { query: { container: stream.container, ...query }, accept: 'application/json, */*' });
  if ((res.statusCode ?? 0) >= 300) {
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    throw errorFromResponse(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'));
  }
  const prefixer = new LinePrefixer(stream.prefix);
  for await (const chunk of res) {
    const out = prefixer.push(chunk as Buffer);
    if (out.length > 0 && !process.stdout.write(out)) await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
  const rest = prefixer.flush();
  if (rest.length > 0) process.stdout.write(rest);
}

export async function printLogs(ctx: CliContext, args: string[], opts: LogsOptions): Promise<number> {
  const query = logQuery(opts);
  const streams = await selectStreams(ctx, args, opts);
  if (!opts.follow) {
    // One after another, in order, as kubectl prints them.
    for (const stream of streams) await copyStream(ctx, stream, query);
    return 0;
  }
  const max = Number(opts.maxLogRequests);
  if (streams.length > max) {
    throw new Error(`you are attempting to follow ${streams.length} log streams, but maximum allowed concurrency is ${max}, use --max-log-requests to increase the limit`);
  }
  const results = await Promise.allSettled(streams.map((stream) => copyStream(ctx, stream, query)));
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure && !opts.ignoreErrors) throw failure.reason;
  return 0;
}
