// kctl label / kctl annotate: one implementation, two registrations. GET each object, change
// its labels (annotations) locally, send the difference as a JSON merge patch.
import type { Command } from 'commander';
import { resourcePath } from '@kctl/shared';
import type { KubernetesList, KubernetesObject } from '@kctl/shared';
import type { CliContext } from '../cli-context.js';
import type { CommandRunner } from '../command-runner.js';
import { kindGroup, parseResourceArguments, UsageError } from '../resource-arguments.js';
import type { ResourceRequest } from '../resource-arguments.js';
import { toJson, toYaml } from '../output/object-output.js';
import {
  ANNOTATE_VERB,
  LABEL_VERB,
  applyChanges,
  changeMessage,
  metadataMapPatch,
  overwriteError,
  parseAnnotationPairs,
  parseLabelPairs,
  splitResourcesAndPairs,
} from './label/label-changes.js';
import type { MapChanges, MetadataMapVerb } from './label/label-changes.js';

export interface LabelOptions {
  overwrite?: boolean;
  selector?: string;
  all?: boolean;
  list?: boolean;
  output?: string;
}

/** Where the objects come from and how to talk to the server: a seam for tests. */
export type LabelClient = Pick<CliContext['client'], 'get' | 'patch'>;

export function registerLabelAndAnnotate(program: Command, run: CommandRunner): void {
  const verbs: Array<[string, string, MetadataMapVerb]> = [
    ['label', 'Update the labels on a resource', LABEL_VERB],
    ['annotate', 'Update the annotations on a resource', ANNOTATE_VERB],
  ];
  for (const [name, description, verb] of verbs) {
    program
      .command(name)
      .description(description)
      .argument('[args...]', 'TYPE NAME | TYPE/NAME, then KEY=VALUE or KEY- pairs')
      .option('--overwrite', `allow ${verb.noun}s to be overwritten`)
      .option('-l, --selector <selector>', 'label selector')
      .option('--all', 'select all resources in the namespace of the specified resource types')
      .option('--list', `display the ${verb.noun}s of the given resources`)
      .option('-o, --output <format>', 'json|yaml')
      .action(run(async (ctx, args: string[], opts: LabelOptions) => updateMetadataMap(ctx.client, ctx, verb, args, opts)));
  }
}

export async function updateMetadataMap(
  client: LabelClient,
  ctx: Pick<CliContext, 'catalog' | 'namespace'>,
  verb: MetadataMapVerb,
  args: string[],
  opts: LabelOptions,
  out: (text: string) => void = (text) => process.stdout.write(text),
): Promise<number> {
  const { resources, pairs } = splitResourcesAndPairs(args, verb.noun);
  const changes = verb.noun === 'label' ? parseLabelPairs(pairs) : parseAnnotationPairs(pairs);
  if (opts.all && opts.selector) throw new UsageError('cannot set --all and --selector at the same time');
  if (resources.length === 0) throw new UsageError(`one or more resources must be specified as <resource> <name> or <resource>/<name>`);
  if (changes.set.size === 0 && changes.remove.length === 0 && !opts.list) throw new UsageError(`at least one ${verb.noun} update is required`);
  if (opts.list && opts.output) throw new UsageError('--list and --output may not be specified together');

  const requests = parseResourceArguments(ctx.catalog, resources);
  const single = requests.length === 1 && requests[0]?.names.length === 1 && !opts.selector && !opts.all;
  for (const req of requests) {
    for (const obj of await fetchObjects(client, ctx.namespace, req, opts)) {
      await updateOne(client, ctx.namespace, verb, req, obj, changes, opts, single, out);
    }
  }
  return 0;
}

async function fetchObjects(client: LabelClient, namespace: string, req: ResourceRequest, opts: LabelOptions): Promise<KubernetesObject[]> {
  if (req.names.length > 0) {
    const objects: KubernetesObject[] = [];
    for (const name of req.names) objects.push(await client.get(resourcePath(req.type, namespace, name)));
    return objects;
  }
  if (!opts.all && !opts.selector) throw new UsageError(`resource(s) were provided, but no name was specified`);
  const list = await client.get<KubernetesList>(resourcePath(req.type, namespace), opts.selector ? { labelSelector: opts.selector } : {});
  return list.items;
}

async function updateOne(
  client: LabelClient,
  namespace: string,
  verb: MetadataMapVerb,
  req: ResourceRequest,
  obj: KubernetesObject,
  changes: MapChanges,
  opts: LabelOptions,
  single: boolean,
  out: (text: string) => void,
): Promise<void> {
  const name = obj.metadata?.name ?? '';
  const before = { ...((obj.metadata?.[verb.field] as Record<string, string> | undefined) ?? {}) };
  if (!opts.overwrite) {
    const clash = overwriteError(verb, before, changes);
    if (clash) throw clash;
  }
  const after = applyChanges(before, changes);
  if (opts.list) {
    // --list changes nothing on the server; several objects get a heading each.
    const indent = single ? '' : ' ';
    if (!single) out(`Listing ${verb.field} for ${req.type.kind}.${req.type.group}/${name}:\n`);
    for (const [key, value] of Object.entries(after).sort(([a], [b]) => (a < b ? -1 : 1))) out(`${indent}${key}=${value}\n`);
    return;
  }
  if (verb.noun === 'label') {
    for (const key of changes.remove) if (!(key in before)) out(`label ${JSON.stringify(key)} not found.\n`);
  }
  const patch = metadataMapPatch(verb.field, before, after);
  const patched = await client.patch(resourcePath(req.type, namespace, name), patch, 'application/merge-patch+json', { fieldManager: verb.fieldManager });
  if (opts.output === 'json') out(toJson(patched));
  else if (opts.output === 'yaml') out(toYaml(patched));
  else out(`${kindGroup(req.type)}/${name} ${changeMessage(verb, before, after, opts.overwrite ?? false)}\n`);
}
