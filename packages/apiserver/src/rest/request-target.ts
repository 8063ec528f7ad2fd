// Turns a REST path into what it addresses: /api/v1/namespaces/NS/pods/NAME/log →
// {type: pods, namespace: NS, name: NAME, subresource: 'log'}. One parser for every kind.
import { errors } from '@kctl/shared';
import type { ResourceCatalog, ResourceType } from '@kctl/shared';

export interface RequestTarget {
  type: ResourceType;
  /** set for namespaced objects and for namespace-scoped collections */
  namespace?: string;
  name?: string;
  subresource?: string;
}

// Subresources of the namespace object itself, which collide with /namespaces/NS/<resource>.
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

export function parseRequestTarget(catalog: ResourceCatalog, url: string): RequestTarget {
  const path = url.split('?', 1)[0] ?? '';
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let rest: string[];
  if (segments[0] === 'api') {
    group = '';
    rest = segments.slice(1);
  } else if (segments[0] === 'apis') {
    group = segments[1] ?? '';
    rest = segments.slice(2);
  } else {
    throw errors.pathNotFound();
  }
  const version = rest.shift();
  if (!version) throw errors.pathNotFound();
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && !NAMESPACE_SUBRESOURCES.has(rest[2] ?? '')) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource, name, subresource, ...extra] = rest;
  if (!resource || extra.length > 0) throw errors.pathNotFound();
  const type = catalog.byPath(group, version, resource);
  if (!type) throw errors.pathNotFound();
  if (namespace !== undefined && !type.namespaced) throw errors.pathNotFound();
  if (subresource && !type.subresources.includes(subresource as never)) throw errors.pathNotFound();
  return {
    type,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(subresource !== undefined ? { subresource } : {}),
  };
}

/** The storage type: events.k8s.io/v1 events live with core/v1 events. */
export function storageResource(type: ResourceType): { group: string; resource: string } {
  return type.storedAs ? { group: type.storedAs.group, resource: type.storedAs.resource } : { group: type.group, resource: type.resource };
}

export function objectKey(type: ResourceType, namespace: string | undefined, name: string): string {
  const s = storageResource(type);
  const prefix = `/registry/${s.group || 'core'}/${s.resource}/`;
  return type.namespaced ? `${prefix}${namespace}/${name}` : `${prefix}${name}`;
}

/** Prefix of every key a collection request covers (all namespaces when namespace is absent). */
export function collectionPrefix(type: ResourceType, namespace: string | undefined): string {
  const s = storageResource(type);
  const prefix = `/registry/${s.group || 'core'}/${s.resource}/`;
  return type.namespaced && namespace !== undefined ? `${prefix}${namespace}/` : prefix;
}
