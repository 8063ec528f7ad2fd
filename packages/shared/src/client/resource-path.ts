import type { ResourceType } from '../api/resource-catalog.js';

/** The REST path of a collection or an object: /api/v1/namespaces/NS/pods/NAME[/SUB]. */
export function resourcePath(
  t: Pick<ResourceType, 'group' | 'version' | 'resource' | 'namespaced'>,
  namespace?: string,
  name?: string,
  subresource?: string,
): string {
  let path = t.group ? `/apis/${t.group}/${t.version}` : `/api/${t.version}`;
  if (t.namespaced && namespace) path += `/namespaces/${encodeURIComponent(namespace)}`;
  path += `/${t.resource}`;
  if (name !== undefined) path += `/${encodeURIComponent(name)}`;
  if (subresource) path += `/${subresource}`;
  return path;
}
