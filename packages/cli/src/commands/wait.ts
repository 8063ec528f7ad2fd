// kctl wait --for=delete|condition=C[=V]|jsonpath=E[=V] [--timeout=30s] TYPE/NAME... | TYPE -l SEL | TYPE --all.
// Objects are resolved first (a named object that is missing is an error, except for delete),
// then waited for one after another under one shared deadline, as kubectl does.
import type { Command } from 'commander';
import { ApiError, resourcePath } from '@kctl/shared';
import type { KubernetesList } from '@kctl/shared';
import type { CliContext } from '../cli-context.js';
import type { CommandRunner } from '../command-runner.js';
import { kindGroup, parseResourceArguments, UsageError } from '../resource-arguments.js';
import { parseGoDuration } from './wait/go-duration.js';
import { parseWaitTarget } from './wait/wait-conditions.js';
import type { WaitTarget } from './wait/wait-conditions.js';
import { checkOnce, waitForObject } from './wait/wait-for-object.js';
import type { WaitClient, WaitSubject } from './wait/wait-for-object.js';

export interface WaitOptions {
  for?: string;
  timeout: string;
  selector?: string;
  all?: boolean;
}

/** kubectl turns a negative --timeout into "a week". */
const ONE_WEEK_MS = 168 * 3_600_000;

export function registerWait(program: Command, run: CommandRunner): void {
  program
    .command('wait')
    .description('Experimental: Wait for a specific condition on one or many resources')
    .argument('[resources...]', 'TYPE/NAME... | TYPE NAME... | TYPE -l SELECTOR | TYPE --all')
    .option('--for <condition>', "delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]")
    .option('--timeout <duration>', 'the length of time to wait before giving up; zero checks once, negative waits a week', '30s')
    .option('-l, --selector <selector>', 'label selector')
    .option('--all', 'select all resources in the namespace of the specified resource types')
    .action(run(async (ctx, args: string[], opts: WaitOptions) => waitFor(ctx.client, ctx, args, opts)));
}

export function timeoutMs(flag: string): number {
  let ms: number;
  try {
    ms = parseGoDuration(flag);
  } catch (err) {
    throw new UsageError(`invalid argument ${JSON.stringify(flag)} for "--timeout" flag: ${(err as Error).message}`);
  }
  return ms < 0 ? ONE_WEEK_MS : ms;
}

export async function waitFor(
  client: WaitClient,
  ctx: Pick<CliContext, 'catalog' | 'namespace'>,
  args: string[],
  opts: WaitOptions,
  io: { out: (text: string) => void; err: (text: string) => void } = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) },
): Promise<number> {
  const target = parseWaitTarget(opts.for);
  const timeout = timeoutMs(opts.timeout);
  const subjects = await resolveSubjects(client, ctx, args, opts, target);
  if (subjects.length === 0 && target.kind !== 'delete') throw new UsageError('no matching resources found');

  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeout);
  try {
    for (const subject of subjects) {
      if (timeout === 0) await checkOnce(client, subject, target);
      else await waitForObject(client, subject, target, deadline.signal, (text) => io.err(`${text}\n`));
      io.out(`${kindGroup(subject.type)}/${subject.name} condition met\n`);
    }
  } finally {
    clearTimeout(timer);
  }
  return 0;
}

/** kubectl's resource builder with Latest(): named objects are fetched, collections listed. */
async function resolveSubjects(
  client: WaitClient,
  ctx: Pick<CliContext, 'catalog' | 'namespace'>,
  args: string[],
  opts: WaitOptions,
  target: WaitTarget,
): Promise<WaitSubject[]> {
  if (opts.all && opts.selector) throw new UsageError('cannot set --all and --selector at the same time');
  const subjects: WaitSubject[] = [];
  for (const req of parseResourceArguments(ctx.catalog, args)) {
    const namespace = ctx.namespace;
    if (req.names.length === 0) {
      if (!opts.all && !opts.selector) throw new UsageError('resource(s) were provided, but no name was specified');
      const list = await client.get<KubernetesList>(resourcePath(req.type, namespace), opts.selector ? { labelSelector: opts.selector } : {});
      for (const item of list.items) subjects.push({ type: req.type, namespace, name: item.metadata?.name ?? '' });
      continue;
    }
    for (const name of req.names) {
      try {
        await client.get(resourcePath(req.type, namespace, name));
        subjects.push({ type: req.type, namespace, name });
      } catch (err) {
        // Waiting for the deletion of something already gone succeeds without a word.
        if (target.kind === 'delete' && err instanceof ApiError && err.code === 404) continue;
        throw err;
      }
    }
  }
  return subjects;
}
