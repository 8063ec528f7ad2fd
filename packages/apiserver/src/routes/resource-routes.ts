// One generic REST surface for every kind in the catalog: no hand-written route per kind.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errors } from '@kctl/shared';
import type { KubernetesObject, ResourceType } from '@kctl/shared';
import type { RegistryContext } from '../rest/registry-context.js';
import { parseRequestTarget } from '../rest/request-target.js';
import type { RequestTarget } from '../rest/request-target.js';
import { deleteOptions, queryFlag, queryValue, writeOptions } from '../rest/request-options.js';
import type { Query } from '../rest/request-options.js';
import { getObject, getStored, listObjects } from '../rest/object-reads.js';
import { createObject, writeUpdate } from '../rest/object-writes.js';
import { deleteObject } from '../rest/object-deletion.js';
import { finalizeNamespace } from '../rest/namespace-finalize.js';
import { patchObject, PATCH_CONTENT_TYPES } from '../rest/object-patching.js';
import { parseResourceVersion } from '../rest/object-meta.js';
import { bindPod } from '../rest/pod-binding.js';
import { scaleView, toScale, fromScale } from '../rest/scale-subresource.js';
import { decodeObjectBody, decodeOptionalJson, mediaType, tableRequest } from './content-negotiation.js';
import { toTable } from './table-output.js';
import { streamWatch } from './watch-response.js';
import type { PodStreamHandlers } from './pod-stream-handlers.js';

export interface ResourceRouteOptions {
  ctx: RegistryContext;
  bookmarkIntervalMs: number;
  podStreams?: PodStreamHandlers;
}

const PATCH_TYPES = new Set<string>(Object.values(PATCH_CONTENT_TYPES));

function listKind(type: ResourceType): string {
  return `${type.kind}List`;
}

function apiVersion(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

function resourceVersionParam(query: Query): number | undefined {
  const rv = parseResourceVersion(queryValue(query, 'resourceVersion'));
  if (rv !== undefined && Number.isNaN(rv)) throw errors.badRequest(`invalid resource version: ${queryValue(query, 'resourceVersion')}`);
  return rv;
}

export function registerResourceRoutes(app: FastifyInstance, opts: ResourceRouteOptions): void {
  const { ctx } = opts;
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const target = parseRequestTarget(ctx.catalog, request.url);
    const query = request.query as Query;
    if (target.subresource === 'log' || target.subresource === 'exec' || target.subresource === 'attach') {
      if (!opts.podStreams) throw errors.serviceUnavailable(`pods/${target.subresource} is not served yet`);
      return opts.podStreams.handle(target, request, reply);
    }
    switch (request.method) {
      case 'GET':
        return target.name === undefined ? getCollection(target, request, reply, query) : getOne(target, request, reply, query);
      case 'POST':
        return post(target, request, reply, query);
      case 'PUT':
        return put(target, request, reply, query);
      case 'PATCH':
        return patch(target, request, reply, query);
      case 'DELETE':
        return target.name === undefined ? deleteCollection(target, request, reply, query) : deleteOne(target, request, reply, query);
      default:
        throw errors.methodNotAllowed(`the server does not allow this method on the requested resource`);
    }
  };

  async function getCollection(target: RequestTarget, request: FastifyRequest, reply: FastifyReply, query: Query) {
    if (target.subresource) throw errors.pathNotFound();
    const table = tableRequest(request.headers.accept, queryValue(query, 'includeObject'));
    const selection = { labelSelector: queryValue(query, 'labelSelector'), fieldSelector: queryValue(query, 'fieldSelector') };
    if (queryFlag(query, 'watch')) {
      const timeout = Number(queryValue(query, 'timeoutSeconds') ?? 0);
      const resourceVersion = resourceVersionParam(query);
      await streamWatch(ctx, target.type, target.namespace, reply, {
        selection: { ...selection, ...(resourceVersion !== undefined ? { resourceVersion } : {}) },
        ...(timeout > 0 ? { timeoutSeconds: timeout } : {}),
        allowBookmarks: queryFlag(query, 'allowWatchBookmarks'),
        bookmarkIntervalMs: opts.bookmarkIntervalMs,
        ...(table ? { table } : {}),
      });
      return reply;
    }
    const limit = Number(queryValue(query, 'limit') ?? 0) || undefined;
    const cont = queryValue(query, 'continue');
    const list = await listObjects(ctx, target.type, target.namespace, { ...selection, ...(limit ? { limit } : {}), ...(cont ? { continue: cont } : {}) });
    if (table) {
      return toTable(ctx, target.type, list.items, {
        includeObject: table.includeObject,
        resourceVersion: list.resourceVersion,
        ...(list.continue ? { continue: list.continue, remainingItemCount: list.remainingItemCount } : {}),
      });
    }
    return {
      kind: listKind(target.type),
      apiVersion: apiVersion(target.type),
      metadata: {
        resourceVersion: list.resourceVersion,
        ...(list.continue ? { continue: list.continue, remainingItemCount: list.remainingItemCount } : {}),
      },
      items: list.items,
    };
  }

  async function getOne(target: RequestTarget, request: FastifyRequest, _reply: FastifyReply, query: Query) {
    const name = target.name ?? '';
    if (target.subresource === 'scale') return toScale(await getObject(ctx, target.type, target.namespace, name));
    const obj = await getObject(ctx, target.type, target.namespace, name);
    const table = target.subresource ? undefined : tableRequest(request.headers.accept, queryValue(query, 'includeObject'));
    if (table) return toTable(ctx, target.type, [obj], { includeObject: table.includeObject, ...(obj.metadata?.resourceVersion ? { resourceVersion: obj.metadata.resourceVersion } : {}) });
    return obj;
  }

  async function post(target: RequestTarget, request: FastifyRequest, reply: FastifyReply, query: Query) {
    if (target.subresource === 'binding' && target.name) {
      await bindPod(ctx, target.type, target.namespace ?? '', target.name, decodeOptionalJson(request.body));
      return reply.code(201).send({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
    }
    if (target.name !== undefined) throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
    if (target.type.namespaced && target.namespace === undefined) throw errors.pathNotFound();
    const body = decodeObjectBody(request.headers['content-type'], request.body);
    const created = await createObject(ctx, target.type, target.namespace, body, writeOptions(query, request.headers['user-agent']));
    return reply.code(201).send(created);
  }

  async function put(target: RequestTarget, request: FastifyRequest, _reply: FastifyReply, query: Query) {
    if (target.name === undefined) throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
    const body = decodeObjectBody(request.headers['content-type'], request.body);
    const stored = await getStored(ctx, target.type, target.namespace, target.name);
    if (target.subresource === 'finalize') return finalizeNamespace(ctx, target.type, stored, body, writeOptions(query).dryRun);
    const requested = parseResourceVersion(body.metadata?.resourceVersion);
    if (requested !== undefined && Number.isNaN(requested)) throw errors.badRequest('metadata.resourceVersion: Invalid value: must be a number');
    const expectedRevision = requested ?? stored.modRevision;
    let updated: KubernetesObject = body;
    if (target.subresource === 'scale') {
      const current = await getObject(ctx, target.type, target.namespace, target.name);
      updated = fromScale(body, current);
    } else if (target.subresource && target.subresource !== 'status') {
      throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
    }
    const result = await writeUpdate(ctx, target.type, stored, updated, target.subresource === 'status' ? 'status' : 'main', {
      ...writeOptions(query, request.headers['user-agent']),
      expectedRevision,
    });
    return target.subresource === 'scale' ? toScale(result) : result;
  }

  async function patch(target: RequestTarget, request: FastifyRequest, _reply: FastifyReply, query: Query) {
    if (target.name === undefined) throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
    const contentType = mediaType(request.headers['content-type']);
    if (!PATCH_TYPES.has(contentType)) throw errors.unsupportedMediaType(request.headers['content-type'] ?? '');
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.from(String(request.body ?? ''));
    const isScale = target.subresource === 'scale';
    if (target.subresource && target.subresource !== 'status' && !isScale) {
      throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
    }
    const result = await patchObject(
      ctx,
      target.type,
      target.namespace,
      target.name,
      contentType,
      body,
      target.subresource === 'status' ? 'status' : 'main',
      writeOptions(query, request.headers['user-agent']),
      isScale ? scaleView : undefined,
    );
    if (result.created) _reply.code(201);
    return isScale ? toScale(result.object) : result.object;
  }

  async function deleteOne(target: RequestTarget, request: FastifyRequest, reply: FastifyReply, query: Query) {
    if (target.subresource) throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
    const options = deleteOptions(query, decodeOptionalJson(request.body));
    const result = await deleteObject(ctx, target.type, target.namespace, target.name ?? '', options);
    return reply.code(200).send(result.object);
  }

  async function deleteCollection(target: RequestTarget, request: FastifyRequest, _reply: FastifyReply, query: Query) {
    const options = deleteOptions(query, decodeOptionalJson(request.body));
    const list = await listObjects(ctx, target.type, target.namespace, {
      labelSelector: queryValue(query, 'labelSelector'),
      fieldSelector: queryValue(query, 'fieldSelector'),
    });
    const items: KubernetesObject[] = [];
    for (const item of list.items) {
      try {
        items.push((await deleteObject(ctx, target.type, item.metadata?.namespace, item.metadata?.name ?? '', options)).object);
      } catch (err) {
        if ((err as { code?: number }).code !== 404) throw err;
      }
    }
    return { kind: listKind(target.type), apiVersion: apiVersion(target.type), metadata: { resourceVersion: String(ctx.store.currentRevision()) }, items };
  }

  for (const prefix of ['/api/*', '/apis/*']) {
    app.route({ method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], url: prefix, handler });
  }
}
