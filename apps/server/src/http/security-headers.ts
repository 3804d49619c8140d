import type { FastifyInstance } from 'fastify';

/** Headers every answer carries. Nothing here is cacheable: status, QR codes and messages are private. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

const NO_STORE = /(^|,)\s*no-store\s*(,|$)/i;

/**
 * Register first: set in onRequest before any other hook runs, so every answer has them, the
 * refusals of the later hooks (Host/Origin, CORS preflights, token) included, and routes that
 * hijack the response, such as /mcp. The onSend hook replaces a cacheable Cache-Control a route
 * set (the static files of /docs say `public`, which would let a shared cache keep a
 * token-protected answer). Other headers a route set itself are kept. Both hooks are
 * callback-style: an async hook costs a promise and a turn of the microtask queue.
 */
export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    const cacheControl = reply.getHeader('cache-control');
    if (cacheControl !== 'no-store' && !NO_STORE.test(String(cacheControl))) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
