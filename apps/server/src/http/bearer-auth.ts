import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { pathOf } from './access-log.js';

/** The only route that answers without the token: a bare liveness probe that reveals nothing. */
export const PUBLIC_PATHS = new Set(['/livez']);

/** Browsers cannot add headers to a page load: HTML pages ask for Basic auth (password = token). */
const BROWSER_PAGES = /^\/(qr|docs)(\/|$|\?)/;

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** The token presented as `Bearer <token>` or as the password of Basic auth. */
export function presentedToken(authorization: string | undefined): string | null {
  if (!authorization) return null;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (bearer) return bearer[1] ?? null;
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
  if (!basic) return null;
  const decoded = Buffer.from(basic[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? null : decoded.slice(colon + 1);
}

/**
 * A constant-time check of a request's credentials against the token, compared over fixed-length
 * digests (the token's digest is computed once).
 */
export function tokenChecker(token: string): (authorization: string | undefined) => boolean {
  const expected = digest(token);
  return (authorization) => {
    const presented = presentedToken(authorization);
    return presented !== null && timingSafeEqual(digest(presented), expected);
  };
}

/**
 * With WHATSAPP_API_TOKEN set, every request but the liveness probe and CORS preflights must
 * present it. Never logged or echoed.
 */
export function requireToken(app: FastifyInstance, token: string | null): void {
  if (token === null) return;
  const matches = tokenChecker(token);
  app.addHook('onRequest', (request, reply, done) => {
    if (request.method === 'OPTIONS' || matches(request.headers.authorization) || PUBLIC_PATHS.has(pathOf(request.url))) {
      done();
      return;
    }
    const challenge = BROWSER_PAGES.test(request.url) ? 'Basic realm="WhatsApp gateway", charset="UTF-8"' : 'Bearer realm="WhatsApp gateway"';
    reply
      .code(401)
      .header('www-authenticate', challenge)
      .send({
        ok: false,
        error: {
          code: 'unauthorized',
          message: 'Send the API token as "Authorization: Bearer <token>" (the value of WHATSAPP_API_TOKEN).',
        },
      });
  });
}
