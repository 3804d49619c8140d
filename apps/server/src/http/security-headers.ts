import type { FastifyInstance } from 'fastify';

/**
 * Headers every answer carries. Set in onRequest (not onSend) so routes that hijack the response,
 * such as /mcp, send them too. Nothing here is cacheable: status, QR codes and messages are private.
 */
export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers({
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cross-origin-resource-policy': 'same-origin',
    });
  });
}
