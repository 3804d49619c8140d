import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { runOperation, statusOperation, type GatewayConfig, type OperationContext } from '@wa/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HealthSchema, LivenessSchema, SERVICE_NAME } from '../schemas.js';
import { lastBodySender } from './last-body.js';

export interface HealthRoutesOptions {
  config: Readonly<GatewayConfig>;
  context: OperationContext;
}

/** `GET /` and `GET /health`: the old service's liveness answer, with the status inside. */
export const healthRoutes: FastifyPluginAsyncTypebox<HealthRoutesOptions> = async (app, { config, context }) => {
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  // With port 0 the system picks the port at listen time: read it back once it is known.
  let mcp: string | null = null;
  const mcpUrl = (): string => {
    if (mcp) return mcp;
    const address = app.server.address();
    const port = config.port === 0 && address && typeof address === 'object' ? address.port : config.port;
    mcp = `http://${host}:${port}/mcp`;
    return mcp;
  };
  const schema = {
    summary: 'Service name, MCP URL and session status',
    description: 'Cheap and never starts the browser: usable as a liveness and readiness probe (status.ready).',
    tags: ['service'],
    response: {
      200: { ...HealthSchema, description: 'The service is up.', examples: [{ ok: true, name: SERVICE_NAME, mcp: 'http://127.0.0.1:8790/mcp', status: statusOperation.example.output }] },
    },
  };
  // Probes poll these: the JSON text is sent again while the answer is unchanged (see lastBodySender).
  const health = () => {
    const sendLastBody = lastBodySender();
    return (_request: FastifyRequest, reply: FastifyReply) =>
      runOperation(statusOperation, context, {}).then((status) => {
        sendLastBody(reply, { ok: true, name: SERVICE_NAME, mcp: mcpUrl(), status });
      });
  };
  app.get(
    '/livez',
    {
      schema: {
        operationId: 'livez',
        summary: 'Liveness probe',
        description: 'Answers `{ "ok": true }` while the process serves requests. The only route that needs no token; it reveals nothing about the session.',
        tags: ['service'],
        response: { 200: { ...LivenessSchema, description: 'The process is alive.', examples: [{ ok: true }] } },
      },
    },
    async () => ({ ok: true as const }),
  );
  app.get('/', { schema: { ...schema, operationId: 'root' } }, health());
  app.get('/health', { schema: { ...schema, operationId: 'health' } }, health());
};
