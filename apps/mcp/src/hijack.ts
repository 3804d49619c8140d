import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';

/** What the gateway sends as Cache-Control on /mcp: never stored (pairing codes travel in tool results). */
const NO_STORE = 'no-store, no-transform';

/**
 * Hands the raw response to the SDK transport. Hijacking drops headers that hooks set with
 * `reply.header()` (CORS, security headers), so they are copied onto the raw response first. The
 * SDK writes `Cache-Control: no-cache` on its SSE streams, which lets a cache store them; that one
 * header is replaced by `no-store`.
 */
export function hijackKeepingHeaders(reply: FastifyReply): void {
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined) reply.raw.setHeader(name, value as string | number | readonly string[]);
  }
  keepNoStore(reply.raw);
  reply.hijack();
}

function keepNoStore(res: ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function writeHeadNoStore(this: ServerResponse, ...args: unknown[]) {
    const rewritten = args.map((arg) => {
      if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) return arg;
      const headers: OutgoingHttpHeaders = { ...(arg as OutgoingHttpHeaders) };
      for (const name of Object.keys(headers)) if (name.toLowerCase() === 'cache-control') headers[name] = NO_STORE;
      return headers;
    });
    return (writeHead as (...rest: unknown[]) => ServerResponse).apply(this, rewritten);
  } as ServerResponse['writeHead'];
}
