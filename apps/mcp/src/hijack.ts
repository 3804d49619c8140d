import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';

/**
 * Takes the response over from Fastify; every answer then goes through `writeHead` below, which
 * carries the headers hooks set on the reply (CORS, security headers: hijacking drops them).
 */
export function hijack(reply: FastifyReply): void {
  coalesceWrites(reply.raw);
  reply.hijack();
}

/** Writes the status and headers of a hijacked reply: the hooks' headers, then the answer's own. */
export function writeHead(reply: FastifyReply, status: number, headers: OutgoingHttpHeaders): void {
  const all = reply.getHeaders() as OutgoingHttpHeaders;
  for (const name in headers) all[name] = headers[name];
  reply.raw.writeHead(status, all);
}

/**
 * An SSE answer is written in pieces (the headers, the event, then the end of the chunked body),
 * and each write is its own TCP segment and wake-up of the client. Corking the socket until the
 * end of this turn of the event loop sends what is ready by then in one write; anything later (a
 * slow tool, a long-lived stream) is written as it comes.
 */
function coalesceWrites(res: ServerResponse): void {
  const socket = res.socket;
  if (!socket || socket.destroyed) return;
  socket.cork();
  setImmediate(() => socket.uncork());
}
