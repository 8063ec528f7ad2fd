// kctl patch: GET the object (kubectl's resource builder does), send the user's patch with the
// content type of --type, and say "(no change)" when the server handed back the same object.
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { resourcePath } from '@kctl/shared';
import type { KubernetesObject } from '@kctl/shared';
import type { CliContext } from '../cli-context.js';
import type { CommandRunner } from '../command-runner.js';
import { kindGroup, parseResourceArguments, UsageError } from '../resource-arguments.js';
import { formatObjects, parseOutputFlag } from '../output/object-output.js';

export interface PatchOptions {
  patch?: string;
  patchFile?: string;
  type: string;
  subresource?: string;
  output?: string;
}

export const PATCH_CONTENT_TYPES: Record<string, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

const SUBRESOURCES = ['status', 'scale'];

export type PatchClient = Pick<CliContext['client'], 'get' | 'patch'>;

export function registerPatch(program: Command, run: CommandRunner): void {
  program
    .command('patch')
    .description('Update fields of a resource')
    .argument('[resources...]', 'TYPE NAME | TYPE/NAME')
    .option('-p, --patch <patch>', 'the patch to be applied to the resource JSON file')
    .option('--patch-file <file>', 'a file containing a patch to be applied to the resource')
    .option('--type <type>', 'the type of patch being provided; one of [json merge strategic]', 'strategic')
    .option('--subresource <name>', 'if specified, patch will operate on the subresource of the requested object (status, scale)')
    .option('-o, --output <format>', 'json|yaml|name|jsonpath=...')
    .action(run(async (ctx, args: string[], opts: PatchOptions) => patchObjects(ctx.client, ctx, args, opts)));
}

/** The patch body as JSON: -p or --patch-file, either of which may be YAML (kubectl converts). */
export function readPatch(opts: Pick<PatchOptions, 'patch' | 'patchFile'>): unknown {
  if (opts.patch && opts.patchFile) throw new UsageError('--patch and --patch-file are mutually exclusive');
  const text = opts.patchFile !== undefined ? readFileSync(opts.patchFile, 'utf8') : opts.patch;
  if (!text) throw new UsageError('must specify --patch or --patch-file containing the contents of the patch');
  try {
    return parseYaml(text) as unknown;
  } catch (err) {
    throw new UsageError(`unable to parse "${text}": ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function patchObjects(
  client: PatchClient,
  ctx: Pick<CliContext, 'catalog' | 'namespace'>,
  args: string[],
  opts: PatchOptions,
  out: (text: string) => void = (text) => process.stdout.write(text),
): Promise<number> {
  const contentType = PATCH_CONTENT_TYPES[opts.type.toLowerCase()];
  if (!contentType) throw new UsageError(`--type must be one of [json merge strategic], not ${JSON.stringify(opts.type)}`);
  if (opts.subresource !== undefined && !SUBRESOURCES.includes(opts.subresource)) {
    throw new UsageError(`invalid subresource value: ${JSON.stringify(opts.subresource)}. Must be one of [${SUBRESOURCES.join(' ')}]`);
  }
  const body = readPatch(opts);
  const format = parseOutputFlag(opts.output);
  const requests = parseResourceArguments(ctx.catalog, args);
  for (const req of requests) {
    if (req.names.length === 0) throw new UsageError('resource(s) were provided, but no name was specified');
    for (const name of req.names) {
      const path = resourcePath(req.type, ctx.namespace, name, opts.subresource);
      const original = await client.get(path);
      const patched = await client.patch<KubernetesObject>(path, body, contentType, { fieldManager: 'kubectl-patch' });
      const objectName = `${kindGroup(req.type)}/${name}`;
      if (format.kind === 'table') {
        out(`${objectName} patched${isDeepStrictEqual(original, patched) ? ' (no change)' : ''}\n`);
      } else {
        out(formatObjects(format, [patched], true, () => objectName));
      }
    }
  }
  return 0;
}
