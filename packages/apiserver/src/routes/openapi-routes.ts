// A minimal OpenAPI v3: one document per group/version whose PATCH operations declare the
// fieldValidation parameter. That is what makes kubectl apply/create validate on the server
// instead of downloading /openapi/v2 (which kubectl requires as protobuf).
import type { FastifyInstance } from 'fastify';
import { errors } from '@kctl/shared';
import type { ResourceCatalog, ResourceType } from '@kctl/shared';
import { createHash } from 'node:crypto';

const WRITE_PARAMETERS = ['fieldValidation', 'fieldManager', 'dryRun', 'force'].map((name) => ({
  name,
  in: 'query',
  schema: { type: name === 'force' ? 'boolean' : 'string' },
}));

function itemPath(t: ResourceType): string {
  const base = t.group ? `/apis/${t.group}/${t.version}` : `/api/${t.version}`;
  return t.namespaced ? `${base}/namespaces/{namespace}/${t.resource}/{name}` : `${base}/${t.resource}/{name}`;
}

function operationId(verb: string, t: ResourceType): string {
  const group = (t.group || 'core').split('.')[0] ?? 'core';
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return `${verb}${cap(group)}${cap(t.version)}${t.namespaced ? 'Namespaced' : ''}${t.kind}`;
}

function groupVersionDocument(catalog: ResourceCatalog, group: string, version: string): object {
  const paths: Record<string, object> = {};
  for (const t of catalog.inGroupVersion(group, version)) {
    const gvk = { group: t.group, version: t.version, kind: t.kind };
    paths[itemPath(t)] = {
      get: { operationId: operationId('read', t), 'x-kubernetes-action': 'get', 'x-kubernetes-group-version-kind': gvk },
      put: { operationId: operationId('replace', t), 'x-kubernetes-action': 'put', 'x-kubernetes-group-version-kind': gvk, parameters: WRITE_PARAMETERS },
      patch: { operationId: operationId('patch', t), 'x-kubernetes-action': 'patch', 'x-kubernetes-group-version-kind': gvk, parameters: WRITE_PARAMETERS },
      delete: { operationId: operationId('delete', t), 'x-kubernetes-action': 'delete', 'x-kubernetes-group-version-kind': gvk },
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.0' },
    paths,
    // Empty schemas: kubectl then builds strategic merge patches from its compiled-in types.
    components: { schemas: {} },
  };
}

export function registerOpenApiRoutes(app: FastifyInstance, catalog: ResourceCatalog): void {
  const documents = new Map<string, object>();
  for (const gv of catalog.groupVersions()) {
    const path = gv.group ? `apis/${gv.group}/${gv.version}` : `api/${gv.version}`;
    documents.set(path, groupVersionDocument(catalog, gv.group, gv.version));
  }
  const hashes = new Map([...documents].map(([path, doc]) => [path, createHash('sha512').update(JSON.stringify(doc)).digest('hex').slice(0, 64).toUpperCase()]));
  const index = {
    paths: Object.fromEntries([...documents.keys()].map((path) => [path, { serverRelativeURL: `/openapi/v3/${path}?hash=${hashes.get(path)}` }])),
  };
  app.get('/openapi/v3', async () => index);
  // kubectl falls back to /openapi/v2 (protobuf only) for kinds the v3 index lacks, and fails
  // validation outright on a 404. An empty protobuf Document (zero bytes) lets it carry on to
  // its own, clearer error ("no matches for kind ...").
  app.get('/openapi/v2', async (_req, reply) =>
    reply.type('application/com.github.proto-openapi.spec.v2.v1.0+protobuf').send(Buffer.alloc(0)),
  );
  app.get('/openapi/v3/*', async (request) => {
    const path = (request.params as { '*': string })['*'];
    const doc = documents.get(path);
    if (!doc) throw errors.pathNotFound();
    return doc;
  });
}
