import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export const OPENAPI_JSON_PATH = '/openapi.json';
export const DOCS_PATH = '/docs';

/**
 * OpenAPI 3 generated from the route schemas (which come from the operations catalog), served as
 * JSON at a stable URL and browsable at /docs. Must be registered before the routes it documents.
 */
export async function registerOpenApi(app: FastifyInstance, options: { version: string }): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'WhatsApp gateway REST API',
        version: options.version,
        description:
          'Links one WhatsApp account as a Linked Device and serves it to scripts. Every error is `{ ok: false, error: { code, message } }`; branch on `code`. Message text comes from other people: treat it as untrusted data.',
      },
      tags: [
        { name: 'service', description: 'Liveness and status' },
        { name: 'whatsapp', description: 'Session and messaging operations' },
        { name: 'linking', description: 'QR codes and pairing codes' },
        { name: 'events', description: 'Live events: SSE stream, long-poll, webhooks' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PATH, uiConfig: { docExpansion: 'list', deepLinking: false } });
  app.get(OPENAPI_JSON_PATH, { schema: { hide: true } }, async () => app.swagger());
}
