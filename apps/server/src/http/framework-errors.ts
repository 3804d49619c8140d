import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { tokenChecker } from './bearer-auth.js';
import { SECURITY_HEADERS } from './security-headers.js';

/**
 * Errors Fastify raises before routing (a URL that cannot be decoded, a bad Content-Type header)
 * skip every hook. They are answered here: the token is still required first, then the one error
 * shape with the security headers, never echoing the URL.
 */
export function frameworkErrorHandler(token: string | null) {
  const matches = token === null ? null : tokenChecker(token);
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    reply.headers(SECURITY_HEADERS);
    if (matches && !matches(request.headers.authorization)) {
      reply.code(401).header('www-authenticate', 'Bearer realm="WhatsApp gateway"').send({
        ok: false,
        error: { code: 'unauthorized', message: 'Send the API token as "Authorization: Bearer <token>" (the value of WHATSAPP_API_TOKEN).' },
      });
      return;
    }
    const badUrl = error.code === 'FST_ERR_BAD_URL';
    reply.code(400).send({
      ok: false,
      error: badUrl
        ? { code: 'bad_request', message: 'The URL is not valid percent-encoded UTF-8.' }
        : { code: 'bad_request', message: 'The request could not be read (check the Content-Type header).' },
    });
  };
}
