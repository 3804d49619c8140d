import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

const METHODS = ['GET', 'POST', 'DELETE'];
const ALLOWED_HEADERS = ['authorization', 'content-type', 'mcp-session-id', 'mcp-protocol-version', 'last-event-id', 'prefer'];
const EXPOSED_HEADERS = ['mcp-session-id', 'mcp-protocol-version', 'retry-after', 'www-authenticate'];
const EXPOSED = EXPOSED_HEADERS.join(', ');

/** Whether an Origin header names a listed origin (any case, trailing slash ignored in the list). */
function listedOrigins(allowedOrigins: readonly string[]): (origin: string | undefined) => origin is string {
  const allowed = new Set(allowedOrigins.map((origin) => origin.toLowerCase().replace(/\/$/, '')));
  return (origin): origin is string => origin !== undefined && allowed.has(origin.toLowerCase());
}

/**
 * CORS only for the origins the operator listed (WHATSAPP_ALLOWED_ORIGINS); none by default and
 * never a wildcard. Other origins get no CORS headers, so a browser page cannot read the answers.
 *
 * This hook gives actual requests what @fastify/cors's hook gave them (`Vary: Origin`, and for a
 * listed origin that origin echoed with the exposed headers); register it before the token check
 * so its refusals carry them. @fastify/cors answers preflights only (`answerPreflights`): run on
 * every request, its hook cost about 1.6 µs (an options object copied, closures made, the Vary
 * header parsed), a tenth of a status request.
 */
export function allowListedOrigins(app: FastifyInstance, allowedOrigins: readonly string[]): void {
  const isListed = listedOrigins(allowedOrigins);
  app.addHook('onRequest', (request, reply, done) => {
    if (request.method !== 'OPTIONS') {
      reply.header('vary', 'Origin');
      const origin = request.headers.origin;
      if (isListed(origin)) reply.header('access-control-allow-origin', origin).header('access-control-expose-headers', EXPOSED);
    }
    done();
  });
}

/**
 * CORS preflights (OPTIONS), answered by @fastify/cors in a context of its own, so that its hook
 * runs for its OPTIONS route only. Register after the body parsers and the error and not-found
 * handlers: the context inherits what its parent has when it is registered.
 */
export async function answerPreflights(app: FastifyInstance, allowedOrigins: readonly string[]): Promise<void> {
  const isListed = listedOrigins(allowedOrigins);
  await app.register(async (preflights) => {
    await preflights.register(cors, {
      origin: (origin, callback) => callback(null, isListed(origin)),
      methods: METHODS,
      allowedHeaders: ALLOWED_HEADERS,
      exposedHeaders: EXPOSED_HEADERS,
      maxAge: 600,
      strictPreflight: true,
    });
  });
}
