import type { FastifyReply } from 'fastify';

/**
 * Hands the raw response to the SDK transport. Hijacking drops headers that hooks set with
 * `reply.header()` (CORS, security headers), so they are copied onto the raw response first.
 */
export function hijackKeepingHeaders(reply: FastifyReply): void {
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined) reply.raw.setHeader(name, value as string | number | readonly string[]);
  }
  reply.hijack();
}
