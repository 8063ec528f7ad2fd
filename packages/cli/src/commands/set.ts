// kctl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N
// Changes container images of pods and pod templates with the strategic merge patch kubectl
// computes (original → modified), printing "deployment.apps/x image updated". An object whose
// images already match is left alone and prints nothing, as with kubectl.
import type { Command } from 'commander';
import { createTwoWayMergePatch, resourcePath } from '@kctl/shared';
import type { KubernetesObject } from '@kctl/shared';
import type { CliContext } from '../cli-context.js';
import type { CommandRunner } from '../command-runner.js';
import { addFilenameOptions } from '../manifests/manifest-files.js';
import { readManifestsFromFlags } from '../manifests/manifest-objects.js';
import { reportErrors, reportingErrorLists } from '../manifests/source-errors.js';
import { parseDryRun, writeQuery } from '../manifests/write-flags.js';
import { parseWrittenFormat, WrittenPrinter } from '../manifests/written-output.js';
import { PATCH_CONTENT_TYPES } from './patch.js';
import { applyImages, parseImageArguments, validateImageArguments } from './set/image-changes.js';
import { fetchTargets, NO_RESOURCES_MESSAGE } from './workloads/target-objects.js';
import { UsageError } from '../resource-arguments.js';
import type { TargetContext, TargetFlags, TargetObject } from './workloads/target-objects.js';
import { podSpecOf } from './workloads/pod-spec-of.js';

interface SetImageOptions extends TargetFlags {
  local?: boolean;
  output?: string;
  dryRun?: string | boolean;
  fieldManager: string;
}

export function registerSet(program: Command, run: CommandRunner): void {
  const set = program.command('set').description('Set specific features on objects');
  const image = set
    .command('image')
    .description('Update the image of a pod template')
    .argument('[args...]', 'TYPE NAME CONTAINER_NAME_1=CONTAINER_IMAGE_1 ...');
  addFilenameOptions(image, 'identifying the resource to get from a server.')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on')
    .option('--all', 'Select all resources, in the namespace of the specified resource types')
    .option('--local', 'If true, set image will NOT contact api-server but run locally.')
    .option('-o, --output <format>', 'Output format. One of: (json, yaml, name)')
    .option('--dry-run [strategy]', 'Must be "none", "server", or "client"')
    .option('--field-manager <name>', 'Name of the manager used to track field ownership.', 'kubectl-set')
    .option('--record', 'Record current kubectl command in the resource annotation (deprecated, ignored)')
    .action(run(async (ctx, args: string[], opts: SetImageOptions) => reportingErrorLists(() => setImage(ctx, args, opts))));
}

export async function setImage(ctx: TargetContext, args: string[], opts: SetImageOptions): Promise<number> {
  const parsed = parseImageArguments(args);
  // kubectl's builder runs first: with nothing named at all, its complaint is the one printed.
  if (parsed.resources.length === 0 && (opts.filename ?? []).length === 0) throw new UsageError(NO_RESOURCES_MESSAGE);
  validateImageArguments(parsed, (opts.filename ?? []).length > 0);
  const dryRun = parseDryRun(opts.dryRun);
  const printer = new WrittenPrinter(parseWrittenFormat(opts.output), dryRun);
  const { found, errors } = opts.local ? { found: await localTargets(ctx, opts), errors: [] as Error[] } : await fetchTargets(ctx, parsed.resources, opts);
  for (const target of found) {
    const modified = structuredClone(target.object);
    try {
      errors.push(...applyImages(podSpecOf(modified), parsed.images));
    } catch (err) {
      errors.push(new Error(`error: ${target.type.resource}/${target.name} ${(err as Error).message}`));
      continue;
    }
    const patch = createTwoWayMergePatch(target.object, modified, target.type);
    if (Object.keys(patch).length === 0) continue;
    if (opts.local || dryRun === 'client') {
      printer.print(target.type, withoutManagedFields(modified), 'image updated');
      continue;
    }
    try {
      const path = resourcePath(target.type, target.namespace, target.name);
      const patched = await ctx.client.patch<KubernetesObject>(path, patch, PATCH_CONTENT_TYPES.strategic!, patchQuery(opts.fieldManager, dryRun));
      printer.print(target.type, withoutManagedFields(patched), 'image updated');
    } catch (err) {
      errors.push(new Error(`failed to patch image update to pod template: ${(err as Error).message}`));
    }
  }
  return reportErrors(errors);
}

function patchQuery(fieldManager: string, dryRun: ReturnType<typeof parseDryRun>): Record<string, string> {
  const { fieldValidation: _none, ...query } = writeQuery(fieldManager, 'Strict', dryRun);
  return query;
}

/** --local: the objects exactly as the files hold them; the server is never asked. */
async function localTargets(ctx: TargetContext, opts: SetImageOptions): Promise<TargetObject[]> {
  if ((opts.filename ?? []).length === 0) throw new Error('you must specify resources by --filename when --local is set.');
  const entries = await readManifestsFromFlags(ctx as CliContext, { filename: opts.filename ?? [], recursive: opts.recursive ?? false }, false);
  return entries.map((entry) => {
    if (entry instanceof Error) throw entry;
    return { type: entry.type, namespace: entry.namespace ?? ctx.namespace, name: entry.name, object: entry.object };
  });
}

/** kubectl's -o json|yaml leave managedFields out. */
function withoutManagedFields(obj: KubernetesObject): KubernetesObject {
  const { managedFields: _omitted, ...metadata } = obj.metadata ?? {};
  return { ...obj, metadata };
}
