// pods/log, pods/exec and pods/attach are proxied to the pod's kubelet; that arrives with the
// kubelet. The REST layer only needs this seam.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestTarget } from '../rest/request-target.js';

export interface PodStreamHandlers {
  handle(target: RequestTarget, request: FastifyRequest, reply: FastifyReply): Promise<unknown>;
}
