// The objects a workload verb (scale, rollout, set image) acts on, named as kubectl's resource
// builder accepts them: TYPE NAME..., TYPE/NAME..., -f FILE, or TYPE with -l SELECTOR / --all.
// Each is read from the server: the verbs need its live state (template, generation, status).
import { ApiError, resourcePath } from '@kctl/shared';
import type { KubernetesList, KubernetesObject, ResourceType } from '@kctl/shared';
import type { CliContext } from '../../cli-context.js';
import { readManifestsFromFlags } from '../../manifests/manifest-objects.js';
import type { FilenameFlags } from '../../manifests/manifest-objects.js';
import { parseResourceArguments, UsageError } from '../../resource-arguments.js';

export interface TargetObject {
  type: ResourceType;
  namespace: string;
  name: string;
  object: KubernetesObject;
}

export interface TargetFlags extends Partial<FilenameFlags> {
  selector?: string;
  /** a bare TYPE means every object of it (rollout's builder is made with all=true) */
  all?: boolean;
}

export type TargetContext = Pick<CliContext, 'client' | 'catalog' | 'namespace' | 'namespaceExplicit'>;

/** What was found, and the errors for what was not (kubectl's builder continues on errors). */
export interface Targets {
  found: TargetObject[];
  errors: Error[];
}

interface Wanted {
  type: ResourceType;
  namespace: string;
  /** undefined: every object of the type matching the selector */
  name?: string;
}

export const NO_RESOURCES_MESSAGE = [
  'You must provide one or more resources by argument or filename.',
  'Example resource specifications include:',
  "   '-f rsrc.yaml'",
  "   '--filename=rsrc.json'",
  "   '<resource> <name>'",
  "   '<resource>'",
].join('\n');

async function wantedObjects(ctx: TargetContext, args: string[], flags: TargetFlags): Promise<Wanted[]> {
  const filenames = flags.filename ?? [];
  if (filenames.length > 0) {
    if (args.length > 0) throw new UsageError(`Unexpected args: [${args.join(' ')}]`);
    const entries = await readManifestsFromFlags(ctx as CliContext, { filename: filenames, recursive: flags.recursive ?? false }, false);
    return entries.map((entry) => {
      if (entry instanceof Error) throw entry;
      return { type: entry.type, namespace: entry.namespace ?? ctx.namespace, name: entry.name };
    });
  }
  if (args.length === 0) throw new UsageError(NO_RESOURCES_MESSAGE);
  const wanted: Wanted[] = [];
  for (const request of parseResourceArguments(ctx.catalog, args)) {
    if (request.names.length === 0) {
      if (!flags.selector && !flags.all) throw new UsageError('resource(s) were provided, but no name was specified');
      wanted.push({ type: request.type, namespace: ctx.namespace });
    }
    for (const name of request.names) wanted.push({ type: request.type, namespace: ctx.namespace, name });
  }
  return wanted;
}

export async function fetchTargets(ctx: TargetContext, args: string[], flags: TargetFlags): Promise<Targets> {
  const targets: Targets = { found: [], errors: [] };
  for (const want of await wantedObjects(ctx, args, flags)) {
    try {
      if (want.name !== undefined) {
        const object = await ctx.client.get<KubernetesObject>(resourcePath(want.type, want.namespace, want.name));
        targets.found.push({ type: want.type, namespace: want.namespace, name: want.name, object });
        continue;
      }
      const query = flags.selector ? { labelSelector: flags.selector } : {};
      const list = await ctx.client.get<KubernetesList>(resourcePath(want.type, want.namespace), query);
      for (const object of list.items) {
        targets.found.push({ type: want.type, namespace: want.namespace, name: object.metadata?.name ?? '', object });
      }
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      targets.errors.push(err);
    }
  }
  return targets;
}
