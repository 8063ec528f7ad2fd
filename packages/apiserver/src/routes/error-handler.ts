// Every failure leaves as a Kubernetes Status: kubectl and client-node print nothing useful
// for anything else. Unknown errors are logged and reported as InternalError, never a stack.
import { ApiError, errors } from '@kctl/shared';
import type { FastifyBaseLogger, FastifyError, FastifyInstance } from 'fastify';

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const fe = err as FastifyError;
  switch (fe?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return errors.tooLarge('the request entity is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return errors.unsupportedMediaType(String((fe as { contentType?: string }).contentType ?? ''));
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return errors.badRequest(fe.message);
  }
  if (fe?.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return errors.badRequest(fe.message);
  return errors.internal(fe?.message ?? String(err));
}

export function installErrorHandlers(app: FastifyInstance, logger?: FastifyBaseLogger): void {
  app.setErrorHandler((err, request, reply) => {
    const apiError = toApiError(err);
    if (apiError.code >= 500) logger?.error({ err, method: request.method, url: request.url }, 'request failed');
    void reply.code(apiError.code).type('application/json').send(apiError.toStatus());
  });
  app.setNotFoundHandler((_request, reply) => {
    const notFound = errors.pathNotFound();
    void reply.code(404).type('application/json').send(notFound.toStatus());
  });
}
