// kctl describe: fetch the object(s), then the per-kind describer adds events and related objects.
import type { Command } from 'commander';
import { ApiError, resourcePath } from '@kctl/shared';
import type { KubernetesList, KubernetesObject } from '@kctl/shared';
import type { CliContext } from '../cli-context.js';
import { parseResourceArguments } from '../resource-arguments.js';
import { reportError, type CommandRunner } from '../command-runner.js';
import { describeObject } from '../describe/index.js';

interface DescribeOptions {
  selector?: string;
  allNamespaces?: boolean;
  showEvents: boolean;
}

export function registerDescribe(program: Command, run: CommandRunner): void {
  program
    .command('describe')
    .description('Show details of a specific resource or group of resources')
    .argument('[resources...]')
    .option('-l, --selector <selector>', 'label selector')
    .option('-A, --all-namespaces', 'describe across all namespaces')
    .option('--show-events <bool>', 'show events related to the described object', (v) => v !== 'false', true)
    .action(run(async (ctx, args: string[], opts: DescribeOptions) => describe(ctx, args, opts)));
}

async function describe(ctx: CliContext, args: string[], opts: DescribeOptions): Promise<number> {
  const requests = parseResourceArguments(ctx.catalog, args);
  const outputs: string[] = [];
  let failed = false;
  for (const req of requests) {
    let objects: KubernetesObject[] = [];
    if (req.names.length === 0) {
      const list = await ctx.client.get<KubernetesList>(resourcePath(req.type, opts.allNamespaces ? undefined : ctx.namespace), opts.selector ? { labelSelector: opts.selector } : {});
      objects = list.items;
    } else {
      for (const name of req.names) {
        try {
          objects.push(await ctx.client.get(resourcePath(req.type, ctx.namespace, name)));
        } catch (err) {
          // kubectl describe falls back to objects whose names start with what was typed.
          if (!(err instanceof ApiError && err.code === 404)) throw err;
          const list = await ctx.client.get<KubernetesList>(resourcePath(req.type, ctx.namespace));
          const matches = list.items.filter((o) => o.metadata?.name?.startsWith(name));
          if (matches.length === 0) {
            reportError(err);
            failed = true;
          }
          objects.push(...matches);
        }
      }
    }
    for (const obj of objects) {
      outputs.push(await describeObject(ctx.client, req.type, obj, { showEvents: opts.showEvents, now: new Date() }));
    }
  }
  if (outputs.length === 0 && !failed) {
    process.stderr.write(`No resources found in ${ctx.namespace} namespace.\n`);
  }
  process.stdout.write(outputs.join('\n\n'));
  return failed ? 1 : 0;
}
