import type { FastifyReply } from 'fastify';
import { writeHead } from './hijack.js';

/** Writes a JSON-RPC error as a plain HTTP answer (before any transport saw the request). */
export function sendJsonRpcError(reply: FastifyReply, status: number, code: number, message: string): void {
  const res = reply.raw;
  if (res.headersSent) {
    res.end();
    return;
  }
  if (!reply.sent) reply.hijack();
  writeHead(reply, status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}
