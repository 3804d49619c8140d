import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { GatewayConfig, OperationContext, Session } from '@wa/core';
import { registerOpenApi } from './openapi.js';
import { eventStreamRoutes } from './routes/event-stream.js';
import { healthRoutes } from './routes/health-routes.js';
import { operationRoutes } from './routes/operation-routes.js';
import { qrRoutes } from './routes/qr-routes.js';

export interface RestPluginOptions {
  session: Session;
  config: Readonly<GatewayConfig>;
  context: OperationContext;
  /** Version shown in the OpenAPI document. */
  version: string;
}

/** The REST transport: the old service's routes plus the QR endpoints and the OpenAPI document. */
export const restPlugin: FastifyPluginAsyncTypebox<RestPluginOptions> = async (app, options) => {
  await registerOpenApi(app, { version: options.version });
  await app.register(healthRoutes, { config: options.config, context: options.context });
  await app.register(operationRoutes, { context: options.context });
  await app.register(qrRoutes, { session: options.session });
  await app.register(eventStreamRoutes, { events: options.context.events });
};
