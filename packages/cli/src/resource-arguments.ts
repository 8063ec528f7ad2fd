// kubectl's ways of naming resources on the command line: "pods", "pods x y", "pods/x svc/y",
// "po,svc", "all", "deployments.apps". Resolved through the resource catalog.
import type { ResourceCatalog, ResourceType } from '@kctl/shared';

export interface ResourceRequest {
  type: ResourceType;
  /** empty: the whole collection */
  names: string[];
}

export class UsageError extends Error {}

function resolveType(catalog: ResourceCatalog, name: string): ResourceType[] {
  if (name.toLowerCase() === 'all') return catalog.inCategory('all');
  const type = catalog.resolve(name);
  if (!type) throw new UsageError(`the server doesn't have a resource type "${name}"`);
  return [type];
}

export function parseResourceArguments(catalog: ResourceCatalog, args: string[]): ResourceRequest[] {
  if (args.length === 0) {
    throw new UsageError('You must specify the type of resource to get. Use "kctl api-resources" for a complete list of supported resources.');
  }
  if (args.some((a) => a.includes('/'))) {
    const requests: ResourceRequest[] = [];
    for (const arg of args) {
      const slash = arg.indexOf('/');
      if (slash < 0) throw new UsageError(`there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kctl get resource/<resource_name>' instead of 'kctl get resource resource/<resource_name>'`);
      const [type] = resolveType(catalog, arg.slice(0, slash));
      const name = arg.slice(slash + 1);
      if (!type || !name) throw new UsageError(`arguments in resource/name form must have a single resource and name`);
      const existing = requests.find((r) => r.type === type);
      if (existing) existing.names.push(name);
      else requests.push({ type, names: [name] });
    }
    return requests;
  }
  const [typeArg, ...names] = args;
  const types = (typeArg ?? '').split(',').filter(Boolean).flatMap((t) => resolveType(catalog, t));
  if (names.length > 0 && types.length > 1) throw new UsageError('you may only specify a single resource type when naming objects');
  return types.map((type) => ({ type, names }));
}

/** kubectl's "kind.group" spelling used in messages: pod, deployment.apps. */
export function kindGroup(type: ResourceType): string {
  return type.group ? `${type.kind.toLowerCase()}.${type.group}` : type.kind.toLowerCase();
}

/** "resource.group" spelling used in delete messages and errors: pods, deployments.apps. */
export function resourceGroup(type: ResourceType): string {
  return type.group ? `${type.resource}.${type.group}` : type.resource;
}
