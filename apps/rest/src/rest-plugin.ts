import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type GatewayConfig, type OperationContext, type Session, StatusSchema, runOperation, statusOperation } from '@wa/core';
import Type from 'typebox';

export interface RestPluginOptions {
  session: Session;
  config: Readonly<GatewayConfig>;
  context: OperationContext;
}

const SERVICE_NAME = 'whatsapp-mcp-api';

/** The REST transport: thin handlers that validate, run one operation and return its result. */
export const restPlugin: FastifyPluginAsyncTypebox<RestPluginOptions> = async (app, options) => {
  const { config, context } = options;
  const mcpUrl = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}/mcp`;
  const status = statusOperation;

  const HealthSchema = Type.Object({
    ok: Type.Literal(true),
    name: Type.Literal(SERVICE_NAME),
    mcp: Type.String({ description: 'URL of the MCP endpoint.' }),
    status: StatusSchema,
  });

  const health = async () => ({ ok: true as const, name: SERVICE_NAME as typeof SERVICE_NAME, mcp: mcpUrl, status: await runOperation(status, context, {}) });

  app.get('/', { schema: { summary: 'Service info and status', response: { 200: HealthSchema } } }, health);
  app.get('/health', { schema: { summary: 'Health and status', response: { 200: HealthSchema } } }, health);
  app.get('/api/status', { schema: { summary: status.summary, description: status.description, response: { 200: StatusSchema } } }, () =>
    runOperation(status, context, {}),
  );
};
