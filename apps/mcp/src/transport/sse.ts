import type { ServerResponse } from 'node:http';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { FastifyReply } from 'fastify';
import { writeHead } from '../hijack.js';

/** How often an open SSE answer gets a comment line, so proxies and clients do not time it out. */
export const KEEP_ALIVE_MS = 15_000;

/** One SSE event carrying one JSON-RPC message (the event name the SDK's clients expect). */
export function sseEvent(message: JSONRPCMessage): string {
  return `event: message\ndata: ${JSON.stringify(message)}\n\n`;
}

/**
 * Starts an SSE answer: the hooks' headers, the stream's own, and the session id if there is one.
 * `no-transform` keeps proxies from buffering or recompressing the stream.
 */
export function startSse(reply: FastifyReply, sessionId: string | undefined): void {
  const headers: Record<string, string> = {
    'content-type': 'text/event-stream',
    'cache-control': 'no-store, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  };
  if (sessionId !== undefined) headers['mcp-session-id'] = sessionId;
  writeHead(reply, 200, headers);
}

const open = new Set<ServerResponse>();
let ticker: NodeJS.Timeout | undefined;

/**
 * Keeps an SSE answer alive until the returned function is called. One unreferenced timer serves
 * every open stream of the process (a timer per answer would cost every tools/call a timer set
 * and cleared); a stream may get its first comment sooner than KEEP_ALIVE_MS after it opened,
 * which is harmless.
 */
export function keepAlive(res: ServerResponse): () => void {
  open.add(res);
  ticker ??= setInterval(tick, KEEP_ALIVE_MS).unref();
  return () => void open.delete(res);
}

function tick(): void {
  for (const res of open) if (!res.destroyed && !res.writableEnded) res.write(': keepalive\n\n');
}
