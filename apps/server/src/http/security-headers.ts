import type { FastifyInstance } from 'fastify';

/** Headers every answer carries. Nothing here is cacheable: status, QR codes and messages are private. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

/**
 * Set in onRequest (not only onSend) so routes that hijack the response, such as /mcp, send them
 * too. The onSend hook covers answers sent before this onRequest hook ran (Host/Origin refusals,
 * CORS preflights and token refusals come from hooks registered earlier) and routes that set a
 * cacheable Cache-Control (the static files of /docs say `public`, which would let a shared cache
 * keep a token-protected answer). Other headers a route set itself are kept.
 */
export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(SECURITY_HEADERS);
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!reply.hasHeader(name)) reply.header(name, value);
    if (!/(^|,)\s*no-store\s*(,|$)/i.test(String(reply.getHeader('cache-control')))) reply.header('cache-control', 'no-store');
    return payload;
  });
}
