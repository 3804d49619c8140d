import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { GatewayConfig, OperationContext, Session } from '@wa/core';
import { eventStreamRoutes } from './routes/event-stream.js';
import { healthRoutes } from './routes/health-routes.js';
import { mediaRoutes } from './routes/media-routes.js';
import { operationRoutes } from './routes/operation-routes.js';
import { qrRoutes } from './routes/qr-routes.js';

export interface RestPluginOptions {
  session: Session;
  config: Readonly<GatewayConfig>;
  context: OperationContext;
}

/**
 * The REST transport: the old service's routes, the QR endpoints and the event stream. The OpenAPI
 * document is registered by the composition root (registerOpenApi) so it covers every transport's routes.
 */
export const restPlugin: FastifyPluginAsyncTypebox<RestPluginOptions> = async (app, options) => {
  await app.register(healthRoutes, { config: options.config, context: options.context });
  await app.register(operationRoutes, { context: options.context });
  await app.register(mediaRoutes, { context: options.context });
  await app.register(qrRoutes, { session: options.session });
  await app.register(eventStreamRoutes, { events: options.context.events });
};
