import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type DriverFactory, type GatewayConfig, type OperationContext, Session, createDriverFactory } from '@wa/core';
import { restPlugin, toErrorReply } from '@wa/rest';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

export interface BuildServerOptions {
  config: Readonly<GatewayConfig>;
  logger: Logger;
  /** Replaces the driver named by the config (tests use a sandbox with knobs). */
  driverFactory?: DriverFactory;
}

export interface Gateway {
  app: FastifyInstance;
  session: Session;
}

const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * The composition root: one Session, one Fastify, the transports registered on it. Returns the
 * instance without listening so tests can `inject` or listen on an ephemeral port.
 */
export async function buildServer(options: BuildServerOptions): Promise<Gateway> {
  const { config, logger } = options;
  const session = new Session({
    factory: options.driverFactory ?? createDriverFactory(config, logger),
    logger: logger.child({ component: 'session' }),
    timeouts: config.timeouts,
  });
  const context: OperationContext = { session, config, logger };

  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    requestIdHeader: false,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setErrorHandler((error, request, reply) => {
    const mapped = toErrorReply(error);
    if (mapped.statusCode >= 500 && mapped.body.error.code === 'internal_error') request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: mapped.body.error.code, status: mapped.statusCode }, 'request refused');
    return reply.code(mapped.statusCode).headers(mapped.headers).send(mapped.body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      ok: false,
      error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}; see GET /health for the service.` },
    }),
  );

  await app.register(restPlugin, { session, config, context });

  app.addHook('onClose', async () => {
    await session.shutdown();
  });

  return { app, session };
}
