// Legacy discovery (/api, /apis, /api/v1, /apis/G, /apis/G/V) and /version. kubectl asks for
// aggregated discovery first and falls back to these plain JSON documents.
import type { FastifyInstance } from 'fastify';
import type { ResourceCatalog, ResourceType, Subresource } from '@kctl/shared';

export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-kctl',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-11-22T00:00:00Z',
  goVersion: 'go1.23.4',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const OBJECT_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

const SUBRESOURCE_INFO: Record<Subresource, { kind: string; verbs: string[]; group?: string; version?: string }> = {
  status: { kind: '', verbs: ['get', 'patch', 'update'] },
  scale: { kind: 'Scale', verbs: ['get', 'patch', 'update'], group: 'autoscaling', version: 'v1' },
  binding: { kind: 'Binding', verbs: ['create'] },
  log: { kind: 'Pod', verbs: ['get'] },
  exec: { kind: 'PodExecOptions', verbs: ['create', 'get'] },
  attach: { kind: 'PodAttachOptions', verbs: ['create', 'get'] },
  portforward: { kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
  eviction: { kind: 'Eviction', verbs: ['create'], group: 'policy', version: 'v1' },
  ephemeralcontainers: { kind: '', verbs: ['get', 'patch', 'update'] },
  finalize: { kind: '', verbs: ['update'] },
};

function resourceEntries(t: ResourceType): object[] {
  const main = {
    name: t.resource,
    singularName: t.singular,
    namespaced: t.namespaced,
    kind: t.kind,
    verbs: OBJECT_VERBS,
    ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
    ...(t.categories.length ? { categories: t.categories } : {}),
  };
  const subs = t.subresources.map((s) => {
    const info = SUBRESOURCE_INFO[s];
    return {
      name: `${t.resource}/${s}`,
      singularName: '',
      namespaced: t.namespaced,
      ...(info.group ? { group: info.group, version: info.version } : {}),
      kind: info.kind || t.kind,
      verbs: info.verbs,
    };
  });
  return [main, ...subs];
}

export function registerDiscoveryRoutes(app: FastifyInstance, catalog: ResourceCatalog): void {
  const groupVersions = catalog.groupVersions();
  const namedGroups = new Map<string, string[]>();
  for (const gv of groupVersions) {
    if (!gv.group) continue;
    namedGroups.set(gv.group, [...(namedGroups.get(gv.group) ?? []), gv.version]);
  }
  const groupDoc = (name: string, versions: string[]) => ({
    name,
    versions: versions.map((version) => ({ groupVersion: `${name}/${version}`, version })),
    preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] },
  });

  app.get('/version', async () => SERVER_VERSION);
  app.get('/api', async (request) => ({
    kind: 'APIVersions',
    versions: groupVersions.filter((gv) => !gv.group).map((gv) => gv.version),
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: request.headers.host ?? '127.0.0.1' }],
  }));
  app.get('/apis', async () => ({
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...namedGroups].map(([name, versions]) => groupDoc(name, versions)),
  }));
  for (const [name, versions] of namedGroups) {
    app.get(`/apis/${name}`, async () => ({ kind: 'APIGroup', apiVersion: 'v1', ...groupDoc(name, versions) }));
  }
  for (const gv of groupVersions) {
    const groupVersion = gv.group ? `${gv.group}/${gv.version}` : gv.version;
    const body = {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion,
      resources: catalog.inGroupVersion(gv.group, gv.version).flatMap(resourceEntries),
    };
    app.get(gv.group ? `/apis/${groupVersion}` : `/api/${gv.version}`, async () => body);
  }
}
