// What every `kctl create <kind> NAME` generator does once it has built its object: print it for
// --dry-run=client (-o json in Go's field order, as kubectl), or create it and print the result
// the way kubectl's printer does ("job.batch/x created").
import { resourcePath } from '@kctl/shared';
import type { KubernetesObject } from '@kctl/shared';
import type { CliContext } from '../cli-context.js';
import { withLastApplied } from '../manifests/last-applied.js';
import { parseDryRun, parseValidate, writeQuery } from '../manifests/write-flags.js';
import { parseWrittenFormat, WrittenPrinter } from '../manifests/written-output.js';

/** The flags `create` hands its subcommands (see create-parent-options.ts). */
export interface GeneratorWriteOptions {
  output?: string;
  dryRun?: string | boolean;
  validate?: string | boolean;
  fieldManager?: string;
  saveConfig?: boolean;
}

/** Commander drops the "--": the words after it on the real command line are the command. */
export function splitAtDash(args: string[], argv: readonly string[] = process.argv): { names: string[]; command: string[] } {
  const dash = argv.indexOf('--');
  const before = dash < 0 ? args.length : Math.max(0, args.length - (argv.length - dash - 1));
  return { names: args.slice(0, before), command: args.slice(before) };
}

export async function createGenerated(
  ctx: Pick<CliContext, 'client' | 'catalog' | 'namespace'>,
  resource: { group: string; version: string; resource: string; kind: string },
  object: KubernetesObject,
  opts: GeneratorWriteOptions,
): Promise<number> {
  const dryRun = parseDryRun(opts.dryRun);
  const validation = parseValidate(opts.validate);
  const printer = new WrittenPrinter(parseWrittenFormat(opts.output), dryRun);
  const type = ctx.catalog.byPath(resource.group, resource.version, resource.resource);
  if (!type) throw new Error(`the server does not serve ${resource.resource}.${resource.group}`);
  const body = opts.saveConfig ? withLastApplied(object) : object;
  if (dryRun === 'client') {
    if (printer.format === 'json') process.stdout.write(`${JSON.stringify(body, null, 4)}\n`);
    else printer.print(type, body, 'created');
    return 0;
  }
  let created: KubernetesObject;
  try {
    created = await ctx.client.create<KubernetesObject>(resourcePath(type, ctx.namespace), body, writeQuery(opts.fieldManager ?? 'kubectl-create', validation, dryRun));
  } catch (err) {
    throw new Error(`failed to create ${resource.kind.toLowerCase()}: ${(err as Error).message}`);
  }
  const { managedFields: _omitted, ...metadata } = created.metadata ?? {};
  printer.print(type, { ...created, metadata }, 'created');
  return 0;
}
