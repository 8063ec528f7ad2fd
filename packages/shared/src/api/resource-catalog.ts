// The one table of resource types: discovery, routing, OpenAPI, CLI argument parsing and
// printers all read it. Adding a kind is an entry here plus a strategy in the API server.

export type Subresource = 'status' | 'scale' | 'binding' | 'log' | 'exec' | 'attach' | 'eviction' | 'ephemeralcontainers' | 'finalize' | 'portforward';

export interface ResourceType {
  group: string; // '' for the core group
  version: string;
  kind: string;
  /** plural, lower case: the path segment */
  resource: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  subresources: Subresource[];
  /**
   * Where objects of this type are stored, when it is another group/version's view of the
   * same objects (events.k8s.io/v1 Event is stored as core/v1 Event).
   */
  storedAs?: { group: string; version: string; resource: string };
}

const ALL = ['all'];

function rt(
  group: string,
  version: string,
  kind: string,
  resource: string,
  namespaced: boolean,
  extra: Partial<Pick<ResourceType, 'shortNames' | 'categories' | 'subresources' | 'storedAs'>> = {},
): ResourceType {
  return {
    group,
    version,
    kind,
    resource,
    singular: kind.toLowerCase(),
    namespaced,
    shortNames: extra.shortNames ?? [],
    categories: extra.categories ?? [],
    subresources: extra.subresources ?? [],
    ...(extra.storedAs ? { storedAs: extra.storedAs } : {}),
  };
}

export const RESOURCE_TYPES: readonly ResourceType[] = [
  rt('', 'v1', 'Namespace', 'namespaces', false, { shortNames: ['ns'], subresources: ['status', 'finalize'] }),
  rt('', 'v1', 'Node', 'nodes', false, { shortNames: ['no'], subresources: ['status'] }),
  rt('', 'v1', 'Pod', 'pods', true, {
    shortNames: ['po'],
    categories: ALL,
    subresources: ['status', 'binding', 'log', 'exec', 'attach', 'portforward', 'eviction', 'ephemeralcontainers'],
  }),
  rt('', 'v1', 'Event', 'events', true, { shortNames: ['ev'] }),
  rt('', 'v1', 'ConfigMap', 'configmaps', true, { shortNames: ['cm'] }),
  rt('', 'v1', 'Secret', 'secrets', true),
  rt('', 'v1', 'Service', 'services', true, { shortNames: ['svc'], categories: ALL, subresources: ['status'] }),
  rt('', 'v1', 'Endpoints', 'endpoints', true, { shortNames: ['ep'] }),
  rt('', 'v1', 'ServiceAccount', 'serviceaccounts', true, { shortNames: ['sa'] }),
  rt('', 'v1', 'PersistentVolume', 'persistentvolumes', false, { shortNames: ['pv'], subresources: ['status'] }),
  rt('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true, { shortNames: ['pvc'], subresources: ['status'] }),
  rt('apps', 'v1', 'Deployment', 'deployments', true, { shortNames: ['deploy'], categories: ALL, subresources: ['status', 'scale'] }),
  rt('apps', 'v1', 'ReplicaSet', 'replicasets', true, { shortNames: ['rs'], categories: ALL, subresources: ['status', 'scale'] }),
  rt('apps', 'v1', 'DaemonSet', 'daemonsets', true, { shortNames: ['ds'], categories: ALL, subresources: ['status'] }),
  rt('apps', 'v1', 'StatefulSet', 'statefulsets', true, { shortNames: ['sts'], categories: ALL, subresources: ['status', 'scale'] }),
  rt('apps', 'v1', 'ControllerRevision', 'controllerrevisions', true),
  rt('batch', 'v1', 'Job', 'jobs', true, { categories: ALL, subresources: ['status'] }),
  rt('batch', 'v1', 'CronJob', 'cronjobs', true, { shortNames: ['cj'], categories: ALL, subresources: ['status'] }),
  rt('coordination.k8s.io', 'v1', 'Lease', 'leases', true),
  rt('discovery.k8s.io', 'v1', 'EndpointSlice', 'endpointslices', true),
  rt('events.k8s.io', 'v1', 'Event', 'events', true, {
    shortNames: ['ev'],
    storedAs: { group: '', version: 'v1', resource: 'events' },
  }),
  rt('storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', false, { shortNames: ['sc'] }),
  rt('node.k8s.io', 'v1', 'RuntimeClass', 'runtimeclasses', false),
];

export function apiVersionOf(t: Pick<ResourceType, 'group' | 'version'>): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** "pods", "deployments.apps", "deployments.v1.apps" → for messages and kubectl-style names */
export function qualifiedResource(t: Pick<ResourceType, 'group' | 'resource'>): string {
  return t.group ? `${t.resource}.${t.group}` : t.resource;
}

/** Looks up resource types by group/version/resource, by kind, and by the names a user types. */
export class ResourceCatalog {
  constructor(readonly types: readonly ResourceType[] = RESOURCE_TYPES) {}

  byPath(group: string, version: string, resource: string): ResourceType | undefined {
    return this.types.find((t) => t.group === group && t.version === version && t.resource === resource);
  }

  byKind(apiVersion: string, kind: string): ResourceType | undefined {
    const { group, version } = parseApiVersion(apiVersion);
    return this.types.find((t) => t.group === group && t.version === version && t.kind === kind);
  }

  /** Kinds with the same name in several groups: the preferred (first) one wins, as in kubectl. */
  byKindName(kind: string): ResourceType | undefined {
    return this.types.find((t) => t.kind === kind);
  }

  /**
   * Resolves what a user typed on a command line: "pods", "pod", "po", "Pod", "deployments.apps",
   * "deploy.v1.apps". Core-group types win over same-named ones elsewhere, like kubectl's RESTMapper.
   */
  resolve(name: string): ResourceType | undefined {
    const lower = name.toLowerCase();
    const [base, ...rest] = lower.split('.');
    const suffix = rest.join('.');
    const matches = this.types.filter((t) => {
      if (base !== t.resource && base !== t.singular && !t.shortNames.includes(base ?? '')) return false;
      if (!suffix) return !t.storedAs;
      return suffix === t.group || suffix === `${t.version}.${t.group}` || (t.group === '' && suffix === t.version);
    });
    return matches[0];
  }

  /** Every group/version served, in discovery order, core first. */
  groupVersions(): Array<{ group: string; version: string }> {
    const seen = new Set<string>();
    const out: Array<{ group: string; version: string }> = [];
    for (const t of this.types) {
      const key = `${t.group}/${t.version}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push({ group: t.group, version: t.version });
      }
    }
    return out;
  }

  inGroupVersion(group: string, version: string): ResourceType[] {
    return this.types.filter((t) => t.group === group && t.version === version);
  }

  inCategory(category: string): ResourceType[] {
    return this.types.filter((t) => t.categories.includes(category));
  }
}

export const defaultCatalog = new ResourceCatalog();
