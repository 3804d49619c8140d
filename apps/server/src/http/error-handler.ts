import { toErrorReply } from '@wa/rest';
import type { FastifyInstance } from 'fastify';

/** Every error leaves in the one error shape; only our own faults are logged as errors. */
export function answerErrorsInOneShape(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const mapped = toErrorReply(error);
    if (mapped.body.error.code === 'internal_error') request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: mapped.body.error.code, status: mapped.statusCode }, 'request refused');
    return reply.code(mapped.statusCode).headers(mapped.headers).send(mapped.body);
  });
}
