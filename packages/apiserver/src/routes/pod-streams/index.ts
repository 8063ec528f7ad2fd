// pods/log, pods/exec and pods/attach, proxied to the kubelet of the pod's node. Logs arrive as
// ordinary requests through the resource routes; exec and attach arrive as HTTP upgrades
// (installPodStreamUpgrades) and only reach `handle` when sent without one.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errors } from '@kctl/shared';
import type { RegistryContext } from '../../rest/registry-context.js';
import type { RequestTarget } from '../../rest/request-target.js';
import type { Query } from '../../rest/request-options.js';
import { queryValue } from '../../rest/request-options.js';
import type { PodStreamHandlers } from '../pod-stream-handlers.js';
import { resolveStreamTarget } from './stream-target.js';
import { proxyLogs } from './log-proxy.js';

export { installPodStreamUpgrades } from './upgrade-handler.js';

export function createPodStreamHandlers(ctx: RegistryContext): PodStreamHandlers {
  return {
    async handle(target: RequestTarget, request: FastifyRequest, reply: FastifyReply) {
      if (!target.namespace || !target.name) throw errors.pathNotFound();
      if (target.subresource !== 'log') throw errors.badRequest('Upgrade request required');
      if (request.method !== 'GET') throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
      const container = queryValue(request.query as Query, 'container');
      const streamTarget = await resolveStreamTarget(ctx, target.namespace, target.name, container || undefined);
      return proxyLogs(streamTarget, request, reply);
    },
  };
}
