import { randomUUID } from 'node:crypto';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { OperationContext } from '@wa/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createMcpServer } from './create-mcp-server.js';
import { hijack, serveWithTransport } from './hijack.js';

/**
 * Methods after which an SDK Server holds nothing of the request: its server can answer the next
 * old client. (initialize records the client, logging/setLevel a level per session id,
 * resources/subscribe a subscription: those servers are closed, as before.)
 */
const REUSABLE_AFTER = new Set([
  'ping',
  'tools/list',
  'tools/call',
  'resources/list',
  'resources/templates/list',
  'resources/read',
  'prompts/list',
  'prompts/get',
  'notifications/initialized',
]);
/** Idle servers kept per gateway; more than this many concurrent old clients build servers again. */
const MAX_IDLE_SERVERS = 64;
const idleServers = new WeakMap<OperationContext, Server[]>();

/**
 * Old clients POST one JSON-RPC message with `Accept: application/json` only (or none), with or
 * without `initialize` and a session id, and read a plain JSON answer. They are served by a
 * stateless SDK transport made for this one request and closed with the response, so nothing
 * outlives it (a stateful transport in JSON mode keeps one map entry per request). Building an SDK
 * Server per request is most of such a request's cost, so a server whose answer went out in full
 * after a stateless method goes back to a small pool: the SDK lets a server connect to a new
 * transport once the previous one closed.
 */
export async function answerLegacyRequest(request: FastifyRequest, reply: FastifyReply, context: OperationContext, version: string): Promise<void> {
  let idle = idleServers.get(context);
  if (!idle) idleServers.set(context, (idle = []));
  const pool = idle;
  const server = pool.pop() ?? createMcpServer(context, version);
  const body = request.body as { method?: unknown } | null | undefined;
  const reusable = typeof body === 'object' && body !== null && !Array.isArray(body) && REUSABLE_AFTER.has(String(body.method));
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  // The spec transport insists on both media types; this client reads JSON, which is what it gets.
  request.raw.headers['accept'] = 'application/json, text/event-stream';
  // The old service handed out a session id at initialize and accepted it back; keep both habits.
  const sessionId = isInitializeRequest(request.body) ? randomUUID() : request.headers['mcp-session-id'];
  if (typeof sessionId === 'string') reply.header('mcp-session-id', sessionId);
  hijack(reply);
  reply.raw.on('close', () => {
    // A client that left early may leave a handler running: that server is not reused.
    const reuse = reusable && reply.raw.writableFinished && pool.length < MAX_IDLE_SERVERS;
    void transport.close().then(() => (reuse ? void pool.push(server) : server.close()));
  });
  await serveWithTransport(transport, request, reply);
}
